// The published JavaScript client (npm: sunshine-conversations-client) against a running Parley: every method of
// IntegrationsApi, CustomIntegrationApiKeysApi and WebhooksApi, configured as its README says with only basePath
// and the credentials changed: with the account key over Basic and a JWT, with an app key, and with an integration
// key over Basic and a JWT on its own integration's webhooks; another account's key finds none of it. Run by
// dev.parley.compat.JavaScriptClientsTest (see sunshine-conversations-client.test.mjs for the environment it sets).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import SunshineConversationsClient from 'sunshine-conversations-client';
import {
  ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, OTHER_ACCOUNT_KEY, assertEmptyObject, jwt, raw, rejectsWith, sunshineClient,
} from './parley.mjs';

const ID = /^[0-9a-f]{24}$/;
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;
const TARGET = 'http://127.0.0.1:9/hook';
const plain = (value) => JSON.parse(JSON.stringify(value));

/** The APIs this file calls, on a client of its own with those credentials. */
function client(credentials) {
  const apiClient = sunshineClient(credentials);
  return {
    integrations: new SunshineConversationsClient.IntegrationsApi(apiClient),
    keys: new SunshineConversationsClient.CustomIntegrationApiKeysApi(apiClient),
    webhooks: new SunshineConversationsClient.WebhooksApi(apiClient),
    users: new SunshineConversationsClient.UsersApi(apiClient),
  };
}

test('IntegrationsApi, CustomIntegrationApiKeysApi and WebhooksApi', async () => {
  const appId = (await raw('POST', '/v2/apps', { displayName: 'JavaScript integrations' })).app.id;
  const account = client({ basic: [ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET] });
  const accountJwt = client({ bearer: jwt(ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, 'account') });
  const { key: appKey } = await raw('POST', `/v2/apps/${appId}/keys`, { displayName: 'Customer key' });
  const app = client({ basic: [appKey.id, appKey.secret] });

  const created = (await account.integrations.createIntegration(appId, {
    type: 'custom',
    displayName: 'JavaScript bot',
    webhooks: [{ target: TARGET, triggers: ['conversation:message', 'user:remove'], includeFullUser: true }],
  })).integration;
  assert.match(created.id, ID);
  assert.equal(created.type, 'custom');
  assert.equal(created.status, 'active');
  assert.equal(created.displayName, 'JavaScript bot');
  // This client reads an integration as its base fields only (id, type, status, displayName): the webhook, which
  // Parley answers too, is read through WebhooksApi.
  const integrationId = created.id;
  const [webhook] = (await account.webhooks.listWebhooks(appId, integrationId)).webhooks;
  assert.match(webhook.id, ID);
  assert.equal(webhook.version, 'v2');
  assert.equal(webhook.target, TARGET);
  assert.deepEqual(webhook.triggers, ['conversation:message', 'user:remove']);
  assert.match(webhook.secret, WEBHOOK_SECRET);
  assert.equal(webhook.includeFullUser, true);
  assert.equal(webhook.includeFullSource, false);
  assert.deepEqual((await raw('GET', `/v2/apps/${appId}/integrations/${integrationId}`)).integration.webhooks,
    [plain(webhook)]);

  assert.deepEqual(plain((await accountJwt.integrations.getIntegration(appId, integrationId)).integration),
    plain(created));
  const second = (await app.integrations.createIntegration(appId, {
    type: 'custom', webhooks: [{ target: TARGET, triggers: ['conversation:read'] }],
  })).integration.id;
  const firstPage = await account.integrations.listIntegrations(appId,
    { page: { size: 1 }, filter: { types: 'custom' } });
  assert.deepEqual(firstPage.integrations.map((integration) => integration.id), [integrationId]);
  assert.equal(firstPage.meta.hasMore, true);
  const nextPage = await app.integrations.listIntegrations(appId, { page: { after: firstPage.meta.afterCursor } });
  assert.deepEqual(nextPage.integrations.map((integration) => integration.id), [second]);
  assert.deepEqual((await account.integrations.listIntegrations(appId, { filter: { types: 'web' } })).integrations,
    []);
  assert.equal((await account.integrations.updateIntegration(appId, integrationId, { displayName: 'Renamed' }))
    .integration.displayName, 'Renamed');
  await rejectsWith(account.integrations.createIntegration(appId, { type: 'web' }), 400, 'bad_request');

  const { key } = await account.keys.createCustomIntegrationKey(appId, integrationId, { displayName: 'JS key' });
  assert.match(key.id, /^int_[0-9a-f]{24}$/);
  assert.equal(key.displayName, 'JS key');
  assert.deepEqual(plain((await accountJwt.keys.listCustomIntegrationKeys(appId, integrationId)).keys), [plain(key)]);
  assert.deepEqual(plain((await app.keys.getCustomIntegrationKey(appId, integrationId, key.id)).key), plain(key));

  for (const integrationClient of [client({ basic: [key.id, key.secret] }),
    client({ bearer: jwt(key.id, key.secret, 'integration') })]) {
    const made = (await integrationClient.webhooks.createWebhook(appId, integrationId,
      { target: TARGET, triggers: ['conversation:create'], includeFullSource: true })).webhook;
    assert.match(made.secret, WEBHOOK_SECRET);
    assert.equal(made.includeFullSource, true);
    assert.deepEqual(plain((await integrationClient.webhooks.listWebhooks(appId, integrationId)).webhooks),
      [plain(webhook), plain(made)]);
    assert.deepEqual(plain((await integrationClient.webhooks.getWebhook(appId, integrationId, made.id)).webhook),
      plain(made));
    const changed = (await integrationClient.webhooks.updateWebhook(appId, integrationId, made.id,
      { triggers: ['conversation:message', 'conversation:typing'], includeFullUser: true })).webhook;
    assert.deepEqual(changed.triggers, ['conversation:message', 'conversation:typing']);
    assert.equal(changed.secret, made.secret);
    assertEmptyObject(await integrationClient.webhooks.deleteWebhook(appId, integrationId, made.id));
    await rejectsWith(integrationClient.webhooks.listWebhooks(appId, second), 403, 'forbidden');
    await rejectsWith(integrationClient.integrations.listIntegrations(appId, {}), 403, 'forbidden');
  }
  await rejectsWith(app.webhooks.createWebhook(appId, integrationId, { target: 'http://169.254.169.254/', triggers:
    ['conversation:message'] }), 400, 'bad_request');

  for (const stranger of [client({ basic: OTHER_ACCOUNT_KEY }),
    client({ bearer: jwt(OTHER_ACCOUNT_KEY[0], OTHER_ACCOUNT_KEY[1], 'account') })]) {
    await rejectsWith(stranger.integrations.getIntegration(appId, integrationId), 404, 'app_not_found');
    await rejectsWith(stranger.keys.listCustomIntegrationKeys(appId, integrationId), 404, 'app_not_found');
    await rejectsWith(stranger.webhooks.listWebhooks(appId, integrationId), 404, 'app_not_found');
  }

  assertEmptyObject(await account.keys.deleteCustomIntegrationKey(appId, integrationId, key.id));
  await rejectsWith(client({ basic: [key.id, key.secret] }).users.getUser(appId, 'nobody'), 401, 'unauthorized');
  const secondWebhook = (await app.webhooks.listWebhooks(appId, second)).webhooks[0].id;
  assertEmptyObject(await app.webhooks.deleteWebhook(appId, second, secondWebhook));
  assertEmptyObject(await account.integrations.deleteIntegration(appId, integrationId));
  await rejectsWith(account.integrations.getIntegration(appId, integrationId), 404, 'integration_not_found');
});
