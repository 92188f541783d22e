// The published JavaScript client of the Sunshine Conversations v2 API (npm: sunshine-conversations-client)
// against a running Parley, configured as its README says with only basePath and the credentials changed.
// Every method of AppsApi and AppKeysApi is called, over Basic auth and over a bearer JWT.
//
// Run by dev.parley.compat.JavaScriptClientsTest, which starts Parley, creates two accounts and passes:
//   PARLEY_URL, PARLEY_ACCOUNT_KEY_ID, PARLEY_ACCOUNT_KEY_SECRET, PARLEY_OTHER_ACCOUNT_KEY_ID,
//   PARLEY_OTHER_ACCOUNT_KEY_SECRET
// By hand: PARLEY_URL=http://127.0.0.1:8080 PARLEY_ACCOUNT_KEY_ID=act_… PARLEY_ACCOUNT_KEY_SECRET=…
//   PARLEY_OTHER_ACCOUNT_KEY_ID=act_… PARLEY_OTHER_ACCOUNT_KEY_SECRET=… node --test
//
// Other test files may use the same account at the same time (node --test runs files in parallel), so list
// assertions here hold whatever else the account holds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import SunshineConversationsClient from 'sunshine-conversations-client';
import {
  ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, assertEmptyObject, jwt, raw, rejectsWith, sunshineClient,
} from './parley.mjs';

/** The APIs this file calls, on a client of its own with those credentials. */
function client(credentials) {
  const apiClient = sunshineClient(credentials);
  return {
    apps: new SunshineConversationsClient.AppsApi(apiClient),
    keys: new SunshineConversationsClient.AppKeysApi(apiClient),
  };
}

const idsOf = (list) => list.apps.map((app) => app.id);
const plain = (value) => JSON.parse(JSON.stringify(value));

async function exerciseEveryMethod(t, label, { apps, keys }) {
  const metadata = { tier: 'gold', seats: 5, trial: false };
  let created;
  let ids;

  await t.test('createApp: settings and metadata round-trip', async () => {
    created = (await apps.createApp({
      displayName: `Help desk (${label})`,
      settings: { conversationRetentionSeconds: 3600, useAnimalNames: true },
      metadata,
    })).app;
    assert.match(created.id, /^[0-9a-f]{24}$/);
    assert.equal(created.displayName, `Help desk (${label})`);
    assert.equal(created.settings.conversationRetentionSeconds, 3600);
    assert.equal(created.settings.useAnimalNames, true);
    assert.equal(created.settings.maskCreditCardNumbers, true, 'default');
    assert.equal(created.settings.multiConvoEnabled, false);
    assert.deepEqual(created.metadata, metadata);
    const second = (await apps.createApp({ displayName: `Second (${label})` })).app;
    assert.equal(second.metadata, null);
    const third = (await apps.createApp({ displayName: `Third (${label})` })).app;
    ids = [created.id, second.id, third.id];
    assert.deepEqual([...ids].sort(), ids, 'ids increase with creation');
  });

  await t.test('getApp', async () => {
    const read = (await apps.getApp(created.id)).app;
    assert.deepEqual(plain(read), plain(created));
  });

  await t.test('listApps without parameters: oldest first', async () => {
    const all = await apps.listApps();
    const listed = idsOf(all);
    assert.deepEqual(listed.filter((id) => ids.includes(id)), ids);
    assert.deepEqual([...listed].sort(), listed);
    assert.deepEqual(plain(all.apps.find((app) => app.id === created.id)), plain(created));
    assert.equal(typeof all.meta.hasMore, 'boolean');
  });

  // The client sends only the first property of `page` and of `filter` (ApiClient.normalizeParams), so each
  // call names one page parameter.
  await t.test('listApps with page[size]', async () => {
    const page = await apps.listApps({ page: { size: 2 } });
    const listed = idsOf(page);
    assert.equal(listed.length, 2);
    assert.equal(page.meta.hasMore, true);
    assert.equal(page.meta.afterCursor, listed[1]);
    assert.ok(page.links.next.includes(`page[after]=${listed[1]}`), page.links.next);
    assert.equal(page.links.prev, undefined);
  });

  await t.test('listApps with page[after]', async () => {
    const page = await apps.listApps({ page: { after: ids[0] } });
    const listed = idsOf(page);
    assert.ok(listed.every((id) => id > ids[0]), `only newer apps: ${listed}`);
    assert.deepEqual(listed.filter((id) => ids.includes(id)), ids.slice(1));
    assert.equal(page.meta.beforeCursor, listed[0]);
  });

  await t.test('listApps with page[before]', async () => {
    const page = await apps.listApps({ page: { before: ids[2] } });
    const listed = idsOf(page);
    assert.ok(listed.every((id) => id < ids[2]), `only older apps: ${listed}`);
    assert.deepEqual([...listed].sort(), listed, 'still oldest first');
    assert.deepEqual(listed.filter((id) => ids.includes(id)), ids.slice(0, 2));
  });

  await t.test('listApps with filter[serviceAccountId]', async () => {
    const serviceAccount = (await raw('POST', '/v2/serviceaccounts', { displayName: `Deployment (${label})` }))
      .serviceAccount;
    await raw('PUT', `/v2/serviceaccounts/${serviceAccount.id}/apps/${ids[1]}`);
    const filtered = await apps.listApps({ filter: { serviceAccountId: serviceAccount.id } });
    assert.deepEqual(idsOf(filtered), [ids[1]]);
    const filteredAndPaged = await apps.listApps({ page: { size: 1 }, filter: { serviceAccountId: serviceAccount.id } });
    assert.deepEqual(idsOf(filteredAndPaged), [ids[1]]);
  });

  await t.test('updateApp changes only what it names', async () => {
    const renamed = (await apps.updateApp(created.id, {
      displayName: `Help desk EU (${label})`,
      settings: { echoPostback: true, multiConvoEnabled: true },
    })).app;
    assert.equal(renamed.displayName, `Help desk EU (${label})`);
    assert.equal(renamed.settings.echoPostback, true);
    assert.equal(renamed.settings.multiConvoEnabled, true);
    assert.equal(renamed.settings.useAnimalNames, true, 'settings not named are kept');
    assert.equal(renamed.settings.conversationRetentionSeconds, 3600);
    assert.deepEqual(renamed.metadata, metadata, 'metadata not named is kept');

    const newMetadata = (await apps.updateApp(created.id, { metadata: { tier: 'platinum' } })).app;
    assert.deepEqual(newMetadata.metadata, { tier: 'platinum' });
    assert.equal(newMetadata.displayName, `Help desk EU (${label})`);

    const cleared = (await apps.updateApp(created.id, { metadata: null })).app;
    assert.equal(cleared.metadata, null);
    assert.deepEqual(plain((await apps.getApp(created.id)).app), plain(cleared));
  });

  await t.test('createAppKey, listAppKeys, getAppKey, deleteAppKey', async () => {
    const firstKey = (await keys.createAppKey(created.id, { displayName: 'Customer key' })).key;
    assert.match(firstKey.id, /^app_[0-9a-f]{24}$/);
    assert.equal(firstKey.displayName, 'Customer key');
    assert.ok(firstKey.secret.length > 0);
    const secondKey = (await keys.createAppKey(created.id, { displayName: 'Spare key' })).key;

    assert.deepEqual(plain((await keys.listAppKeys(created.id)).keys), plain([firstKey, secondKey]));
    assert.deepEqual(plain((await keys.listAppKeys(ids[1])).keys), []);
    assert.deepEqual(plain((await keys.getAppKey(created.id, firstKey.id)).key), plain(firstKey));

    const asKey = client({ basic: [firstKey.id, firstKey.secret] });
    assert.equal((await asKey.apps.getApp(created.id)).app.id, created.id, 'the new app key authenticates');

    assertEmptyObject(await keys.deleteAppKey(created.id, firstKey.id));
    assert.deepEqual(plain((await keys.listAppKeys(created.id)).keys), plain([secondKey]));
    await rejectsWith(keys.getAppKey(created.id, firstKey.id), 404);
    await rejectsWith(asKey.apps.getApp(created.id), 401, 'unauthorized');
  });

  await t.test('deleteApp, and 404 afterwards', async () => {
    assertEmptyObject(await apps.deleteApp(created.id));
    await rejectsWith(apps.getApp(created.id), 404, 'app_not_found');
    await rejectsWith(apps.deleteApp(created.id), 404);
    await rejectsWith(apps.updateApp(created.id, { displayName: 'Ghost' }), 404);
    await rejectsWith(keys.listAppKeys(created.id), 404);
    await rejectsWith(keys.createAppKey(created.id, { displayName: 'Late' }), 404);
    const listed = idsOf(await apps.listApps());
    assert.ok(!listed.includes(created.id));
    assert.ok(listed.includes(ids[1]) && listed.includes(ids[2]));
  });
}

test('every AppsApi and AppKeysApi method over Basic auth', async (t) => {
  await exerciseEveryMethod(t, 'Basic', client({ basic: [ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET] }));
});

test('every AppsApi and AppKeysApi method over a bearer JWT', async (t) => {
  await exerciseEveryMethod(t, 'JWT', client({ bearer: jwt(ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, 'account') }));
});

test('an app key reads and updates its own app, and is refused the list', async () => {
  const account = client({ basic: [ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET] });
  const own = (await account.apps.createApp({ displayName: 'Own app' })).app;
  const other = (await account.apps.createApp({ displayName: 'Other app' })).app;
  const key = (await account.keys.createAppKey(own.id, { displayName: 'Customer key' })).key;

  for (const [how, asKey] of [
    ['Basic', client({ basic: [key.id, key.secret] })],
    ['JWT', client({ bearer: jwt(key.id, key.secret, 'app') })],
  ]) {
    assert.equal((await asKey.apps.getApp(own.id)).app.id, own.id, how);
    const updated = (await asKey.apps.updateApp(own.id, { displayName: `Own app, renamed over ${how}` })).app;
    assert.equal(updated.displayName, `Own app, renamed over ${how}`);
    await rejectsWith(asKey.apps.listApps(), 403, 'forbidden');
    await rejectsWith(asKey.apps.getApp(other.id), 403, 'forbidden');
  }
  assert.equal((await account.apps.getApp(own.id)).app.displayName, 'Own app, renamed over JWT');
  await account.apps.deleteApp(own.id);
  await account.apps.deleteApp(other.id);
});
