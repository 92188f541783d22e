// The published JavaScript client (npm: sunshine-conversations-client) against a running Parley: every method of
// SwitchboardsApi, SwitchboardIntegrationsApi and SwitchboardActionsApi (all four actions; releaseControl sends no
// body), with the account key over Basic and a JWT, and with integration keys over Basic and a JWT for the actions;
// another account's key finds none of it. Run by dev.parley.compat.JavaScriptClientsTest (see
// sunshine-conversations-client.test.mjs for the environment it sets).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import SunshineConversationsClient from 'sunshine-conversations-client';
import {
  ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, OTHER_ACCOUNT_KEY, assertEmptyObject, jwt, raw, rejectsWith, sunshineClient,
} from './parley.mjs';

const ID = /^[0-9a-f]{24}$/;
const TARGET = 'http://127.0.0.1:9/hook';
const plain = (value) => JSON.parse(JSON.stringify(value));

/** The APIs this file calls, on a client of its own with those credentials. */
function client(credentials) {
  const apiClient = sunshineClient(credentials);
  return {
    switchboards: new SunshineConversationsClient.SwitchboardsApi(apiClient),
    linked: new SunshineConversationsClient.SwitchboardIntegrationsApi(apiClient),
    actions: new SunshineConversationsClient.SwitchboardActionsApi(apiClient),
  };
}

async function integration(appId, displayName) {
  const { integration: made } = await raw('POST', `/v2/apps/${appId}/integrations`, {
    type: 'custom', displayName, webhooks: [{ target: TARGET, triggers: ['conversation:message'] }],
  });
  const { key } = await raw('POST', `/v2/apps/${appId}/integrations/${made.id}/keys`, { displayName });
  return { id: made.id, key };
}

async function active(appId, conversationId) {
  const { conversation } = await raw('GET', `/v2/apps/${appId}/conversations/${conversationId}`);
  return conversation.activeSwitchboardIntegration?.name ?? null;
}

test('SwitchboardsApi, SwitchboardIntegrationsApi and SwitchboardActionsApi', async () => {
  const appId = (await raw('POST', '/v2/apps', { displayName: 'JavaScript switchboards' })).app.id;
  const account = client({ basic: [ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET] });
  const accountJwt = client({ bearer: jwt(ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, 'account') });
  const botIntegration = await integration(appId, 'Bot');
  const agentIntegration = await integration(appId, 'Agent');

  const { switchboard } = await account.switchboards.createSwitchboard(appId);
  assert.match(switchboard.id, ID);
  assert.equal(switchboard.enabled, false);
  assert.deepEqual(plain((await accountJwt.switchboards.listSwitchboards(appId)).switchboards), [plain(switchboard)]);

  const bot = (await account.linked.createSwitchboardIntegration(appId, switchboard.id, {
    name: 'bot', integrationId: botIntegration.id,
  })).switchboardIntegration;
  assert.match(bot.id, ID);
  assert.equal(bot.integrationType, 'custom');
  assert.equal(bot.deliverStandbyEvents, true);
  const agent = (await account.linked.createSwitchboardIntegration(appId, switchboard.id, {
    name: 'agent', integrationId: agentIntegration.id, deliverStandbyEvents: false, nextSwitchboardIntegrationId: bot.id,
  })).switchboardIntegration;
  assert.equal(agent.nextSwitchboardIntegrationId, bot.id);
  assert.deepEqual(plain((await accountJwt.linked.listSwitchboardIntegrations(appId, switchboard.id))
    .switchboardIntegrations).map((each) => each.name), ['bot', 'agent']);
  const changed = (await account.linked.updateSwitchboardIntegration(appId, switchboard.id, agent.id, {
    messageHistoryCount: 3,
  })).switchboardIntegration;
  assert.equal(changed.messageHistoryCount, 3);
  assert.equal(changed.nextSwitchboardIntegrationId, bot.id);
  const enabled = (await account.switchboards.updateSwitchboard(appId, switchboard.id, {
    enabled: true, defaultSwitchboardIntegrationId: bot.id,
  })).switchboard;
  assert.equal(enabled.enabled, true);
  assert.equal(enabled.defaultSwitchboardIntegrationId, bot.id);

  const { user } = await raw('POST', `/v2/apps/${appId}/users`, { externalId: 'alice' });
  const { conversation } = await raw('POST', `/v2/apps/${appId}/conversations`, {
    type: 'personal', participants: [{ userId: user.id }],
  });
  assert.equal(await active(appId, conversation.id), 'bot');

  const asBot = client({ basic: [botIntegration.key.id, botIntegration.key.secret] });
  const asAgent = client({ bearer: jwt(agentIntegration.key.id, agentIntegration.key.secret, 'integration') });
  assertEmptyObject(await asBot.actions.passControl(appId, conversation.id, {
    switchboardIntegration: 'agent', metadata: { reason: 'human' },
  }));
  assert.equal(await active(appId, conversation.id), 'agent');
  await rejectsWith(asBot.actions.releaseControl(appId, conversation.id), 403, 'forbidden');
  assertEmptyObject(await asAgent.actions.releaseControl(appId, conversation.id));
  assert.equal(await active(appId, conversation.id), null);
  assertEmptyObject(await account.actions.passControl(appId, conversation.id, { switchboardIntegration: 'bot' }));
  assertEmptyObject(await asBot.actions.offerControl(appId, conversation.id, { switchboardIntegration: agent.id }));
  await rejectsWith(asBot.actions.acceptControl(appId, conversation.id, {}), 403, 'forbidden');
  assertEmptyObject(await asAgent.actions.acceptControl(appId, conversation.id, { metadata: { by: 'agent' } }));
  assert.equal(await active(appId, conversation.id), 'agent');
  const { events } = await raw('GET', `/v2/apps/${appId}/events?page[size]=100`);
  assert.deepEqual(events.map((event) => event.type).filter((type) => type.startsWith('switchboard:')), [
    'switchboard:passControl', 'switchboard:releaseControl', 'switchboard:passControl', 'switchboard:offerControl',
    'switchboard:acceptControl']);

  const stranger = client({ basic: OTHER_ACCOUNT_KEY });
  await rejectsWith(stranger.switchboards.listSwitchboards(appId), 404, 'app_not_found');
  await rejectsWith(stranger.actions.releaseControl(appId, conversation.id), 404, 'app_not_found');
  await rejectsWith(asBot.switchboards.listSwitchboards(appId), 403, 'forbidden');

  await rejectsWith(account.linked.deleteSwitchboardIntegration(appId, switchboard.id, bot.id), 400, 'bad_request');
  assertEmptyObject(await account.linked.deleteSwitchboardIntegration(appId, switchboard.id, agent.id));
  assertEmptyObject(await account.switchboards.deleteSwitchboard(appId, switchboard.id));
  assert.deepEqual(plain((await account.switchboards.listSwitchboards(appId)).switchboards), []);
  await rejectsWith(account.linked.listSwitchboardIntegrations(appId, switchboard.id), 404, 'switchboard_not_found');
});
