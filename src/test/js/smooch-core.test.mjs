// The published JavaScript client of the Smooch v1.1 API (npm: smooch-core 8.x) against a running Parley,
// configured as its README says with only serviceUrl and the credentials changed. Every method of apps,
// apps.keys, serviceAccounts and serviceAccounts.keys is called: with the account key, and again with a service
// account key, which may manage only its own apps and is refused service accounts and their keys.
//
// serviceUrl is Parley's root URL, not PARLEY_URL + '/v1.1': smooch-core appends the version itself
// (lib/utils/smoochMethod.js builds `this.serviceUrl + '/v1.1' + path`; its default serviceUrl is
// https://api.smooch.io), so a serviceUrl ending in /v1.1 would send every request to /v1.1/v1.1/….
//
// smooch-core always authenticates with a JWT: either one it signs itself from {keyId, secret, scope} (HS256,
// header kid, payload {scope, iat}), or a ready one given as {jwt}, whose scope it reads from the payload
// (lib/smooch.js). Both are used here; the ready ones come from Parley's own getJwt endpoints.
//
// Run by dev.parley.compat.JavaScriptClientsTest with the environment parley.mjs reads (see
// sunshine-conversations-client.test.mjs).
//
// Other test files may use the same account at the same time (node --test runs files in parallel), so list
// assertions here look only at the records this file made, or list through a service account of its own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import Smooch from 'smooch-core';
import { ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, BASE_URL, raw } from './parley.mjs';

/** A smooch-core client pointed at Parley: only serviceUrl and the credentials differ from upstream use. */
function smooch(credentials) {
  return new Smooch({ ...credentials, serviceUrl: BASE_URL });
}

/** A client that signs its own JWT from a key id and secret, as smooch-core's README shows. */
function withKey(keyId, secret, scope = 'account') {
  return smooch({ keyId, secret, scope });
}

const account = () => withKey(ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, 'account');

/**
 * smooch-core rejects with an Error carrying the fetch response (lib/utils/http.js handleResponse); this checks
 * the HTTP status only. What the client reads from an error's body is checked once, in its own test below.
 */
async function rejectsWith(promise, status) {
  await assert.rejects(promise, (error) => {
    assert.ok(error.response, `expected an HTTP ${status} answer, got ${error.stack}`);
    assert.equal(error.response.status, status,
      `expected ${status}, got ${error.response.status} (${error.message}) for ${error.response.url}`);
    return true;
  });
}

/** The parts of a JWT, and whether its HS256 signature verifies with that secret. */
function decodeJwt(token, secret) {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
    verifies: signature === expected,
  };
}

const APP_ID = /^[0-9a-f]{24}$/;
const idsOf = (page) => page.apps.map((app) => app._id);

/**
 * Every method of apps and apps.keys, with a client for an account key or a service account key.
 * `serviceAccountId` is a service account the apps made here are granted to (for an account key, one made for
 * this run; for a service account key, its own), so listing by it gives exact, unshared results. `exclusive` says
 * the client sees no other apps at all (a service account key).
 */
async function exerciseApps(t, label, client, { serviceAccountId, grant, exclusive }) {
  const settings = { conversationRetentionSeconds: 3600, useAnimalNames: true };
  const metadata = { tier: 'gold', seats: 5, trial: false };
  let created;
  let ids;

  const mine = (page) => idsOf(page).filter((id) => ids.includes(id));

  await t.test('apps.create: name, appToken, settings and metadata round-trip', async () => {
    created = (await client.apps.create(`Help desk (${label})`, settings, metadata)).app;
    assert.match(created._id, APP_ID);
    assert.equal(created.name, `Help desk (${label})`);
    assert.equal(typeof created.appToken, 'string');
    assert.ok(created.appToken.length > 0, 'appToken present');
    assert.equal(created.settings.conversationRetentionSeconds, 3600);
    assert.equal(created.settings.useAnimalNames, true);
    assert.equal(created.settings.maskCreditCardNumbers, true, 'default');
    assert.equal(created.settings.multiConvoEnabled, false);
    assert.deepEqual(created.metadata, metadata);
    assert.equal(created.id, undefined, 'v1.1 names the id _id');
    assert.equal(created.displayName, undefined, 'v1.1 names the display name name');

    // The object form smooch-core also accepts (smoochMethod maps {name, settings, metadata} onto the arguments).
    const second = (await client.apps.create({ name: `Second (${label})` })).app;
    assert.equal(second.name, `Second (${label})`);
    assert.equal(second.metadata, null);
    assert.notEqual(second.appToken, created.appToken, 'each app has its own appToken');
    const third = (await client.apps.create(`Third (${label})`)).app;
    ids = [created._id, second._id, third._id];
    assert.deepEqual([...ids].sort(), ids, 'ids increase with creation');
    for (const id of ids) {
      await grant(id);
    }
  });

  await t.test('apps.get', async () => {
    assert.deepEqual((await client.apps.get(created._id)).app, created);
  });

  await t.test('apps.list without parameters: the first 25, oldest first, offset 0', async () => {
    const page = await client.apps.list();
    assert.equal(page.offset, 0);
    assert.equal(typeof page.hasMore, 'boolean');
    assert.ok(page.apps.length <= 25, `at most the default limit: ${page.apps.length}`);
    assert.deepEqual([...idsOf(page)].sort(), idsOf(page), 'oldest first');
    if (exclusive) {
      assert.deepEqual(idsOf(page), ids, 'a service account key sees only its own apps');
      assert.equal(page.hasMore, false);
    }
    const wide = await client.apps.list({ limit: 100 });
    assert.deepEqual(mine(wide), ids);
    assert.deepEqual(wide.apps.find((app) => app._id === created._id), created);
  });

  await t.test('apps.list with limit and offset', async () => {
    const first = await client.apps.list(1);
    assert.equal(first.apps.length, 1);
    assert.equal(first.hasMore, true);
    assert.equal(first.offset, 0);
    const second = await client.apps.list(1, 1);
    assert.equal(second.apps.length, 1);
    assert.equal(second.offset, 1, 'offset repeats the records skipped');
    assert.ok(second.apps[0]._id > first.apps[0]._id, 'the next page holds newer apps');
    if (exclusive) {
      assert.deepEqual(idsOf(first), [ids[0]]);
      assert.deepEqual(idsOf(second), [ids[1]]);
      assert.equal(second.hasMore, true);
      const last = await client.apps.list({ limit: 2, offset: 2 });
      assert.deepEqual(idsOf(last), [ids[2]]);
      assert.equal(last.hasMore, false);
      assert.equal(last.offset, 2);
    }
  });

  await t.test('apps.list with serviceAccountId, limit and offset', async () => {
    const all = await client.apps.list({ serviceAccountId });
    assert.deepEqual(idsOf(all), ids);
    assert.equal(all.hasMore, false);
    assert.equal(all.offset, 0);
    assert.deepEqual(all.apps[0], created);

    const firstTwo = await client.apps.list(2, undefined, serviceAccountId);
    assert.deepEqual(idsOf(firstTwo), ids.slice(0, 2));
    assert.equal(firstTwo.hasMore, true);
    assert.equal(firstTwo.offset, 0);

    const rest = await client.apps.list({ limit: 2, offset: 2, serviceAccountId });
    assert.deepEqual(idsOf(rest), ids.slice(2));
    assert.equal(rest.hasMore, false);
    assert.equal(rest.offset, 2);

    const fromOne = await client.apps.list({ offset: 1, serviceAccountId });
    assert.deepEqual(idsOf(fromOne), ids.slice(1));
    assert.equal(fromOne.offset, 1);

    const beyond = await client.apps.list({ offset: 3, serviceAccountId });
    assert.deepEqual(beyond.apps, []);
    assert.equal(beyond.hasMore, false);
    assert.equal(beyond.offset, 3);
  });

  await t.test('apps.update changes only what it names', async () => {
    const renamed = (await client.apps.update(created._id, {
      name: `Help desk EU (${label})`,
      settings: { echoPostback: true, multiConvoEnabled: true },
    })).app;
    assert.equal(renamed._id, created._id);
    assert.equal(renamed.appToken, created.appToken);
    assert.equal(renamed.name, `Help desk EU (${label})`);
    assert.equal(renamed.settings.echoPostback, true);
    assert.equal(renamed.settings.multiConvoEnabled, true);
    assert.equal(renamed.settings.useAnimalNames, true, 'settings not named are kept');
    assert.equal(renamed.settings.conversationRetentionSeconds, 3600);
    assert.deepEqual(renamed.metadata, metadata, 'metadata not named is kept');

    const newMetadata = (await client.apps.update(created._id, { metadata: { tier: 'platinum', seats: 9 } })).app;
    assert.deepEqual(newMetadata.metadata, { tier: 'platinum', seats: 9 }, 'metadata is replaced');
    assert.equal(newMetadata.name, `Help desk EU (${label})`);
    assert.deepEqual((await client.apps.get(created._id)).app, newMetadata);

    const cleared = (await client.apps.update(created._id, { metadata: null })).app;
    assert.equal(cleared.metadata, null);
    assert.deepEqual((await client.apps.get(created._id)).app, cleared);
    created = cleared;
  });

  let firstKey;
  let secondKey;

  await t.test('apps.keys.create, list, get', async () => {
    firstKey = (await client.apps.keys.create(created._id, 'Customer key')).key;
    assert.match(firstKey._id, /^app_[0-9a-f]{24}$/);
    assert.equal(firstKey.name, 'Customer key');
    assert.equal(typeof firstKey.secret, 'string');
    assert.ok(firstKey.secret.length > 0);
    secondKey = (await client.apps.keys.create(created._id, 'Spare key')).key;
    assert.notEqual(secondKey.secret, firstKey.secret);

    assert.deepEqual((await client.apps.keys.list(created._id)).keys, [firstKey, secondKey]);
    assert.deepEqual((await client.apps.keys.list(ids[1])).keys, []);
    assert.deepEqual((await client.apps.keys.get(created._id, firstKey._id)).key, firstKey);
    await rejectsWith(client.apps.keys.get(ids[1], firstKey._id), 404);
  });

  await t.test('apps.keys.getJwt, and a client on the returned JWT', async () => {
    const { jwt } = await client.apps.keys.getJwt(created._id, firstKey._id);
    const decoded = decodeJwt(jwt, firstKey.secret);
    assert.deepEqual(decoded.header, { ...decoded.header, alg: 'HS256', kid: firstKey._id });
    assert.equal(decoded.payload.scope, 'app');
    assert.ok(decoded.verifies, 'signed with the app key\'s secret');

    // smooch-core takes a ready JWT as {jwt} and reads its scope from the payload (lib/smooch.js).
    const asApp = smooch({ jwt });
    assert.equal(asApp.scope, 'app');
    assert.deepEqual((await asApp.apps.get(created._id)).app, created);
    const renamed = (await asApp.apps.update(created._id, { name: `Renamed by its key (${label})` })).app;
    assert.equal(renamed.name, `Renamed by its key (${label})`);
    assert.deepEqual((await client.apps.get(created._id)).app, renamed);
    created = renamed;
    await rejectsWith(asApp.apps.list(), 403);
    await rejectsWith(asApp.apps.get(ids[1]), 403);
    await rejectsWith(asApp.apps.delete(created._id), 403);

    // …and the JWT smooch-core signs itself from the key, with scope app.
    const signedHere = withKey(secondKey._id, secondKey.secret, 'app');
    assert.deepEqual((await signedHere.apps.get(created._id)).app, created);
  });

  await t.test('apps.keys.delete, and the deleted key stops working', async () => {
    const { jwt } = await client.apps.keys.getJwt(created._id, firstKey._id);
    assert.deepEqual(await client.apps.keys.delete(created._id, firstKey._id), {});
    assert.deepEqual((await client.apps.keys.list(created._id)).keys, [secondKey]);
    await rejectsWith(client.apps.keys.get(created._id, firstKey._id), 404);
    await rejectsWith(client.apps.keys.getJwt(created._id, firstKey._id), 404);
    await rejectsWith(client.apps.keys.delete(created._id, firstKey._id), 404);
    await rejectsWith(smooch({ jwt }).apps.get(created._id), 401);
    await rejectsWith(withKey(firstKey._id, firstKey.secret, 'app').apps.get(created._id), 401);
  });

  await t.test('apps.delete, and 404 afterwards', async () => {
    assert.deepEqual(await client.apps.delete(created._id), {});
    await rejectsWith(client.apps.get(created._id), 404);
    await rejectsWith(client.apps.delete(created._id), 404);
    await rejectsWith(client.apps.update(created._id, { name: 'Ghost' }), 404);
    await rejectsWith(client.apps.keys.list(created._id), 404);
    await rejectsWith(client.apps.keys.create(created._id, 'Late'), 404);
    await rejectsWith(withKey(secondKey._id, secondKey.secret, 'app').apps.get(created._id), 401);
    const listed = idsOf(await client.apps.list({ limit: 100 }));
    assert.ok(!listed.includes(created._id));
    assert.ok(listed.includes(ids[1]) && listed.includes(ids[2]));
    assert.deepEqual(idsOf(await client.apps.list({ serviceAccountId })), ids.slice(1));
    for (const id of ids.slice(1)) {
      assert.deepEqual(await client.apps.delete(id), {});
    }
    assert.deepEqual(idsOf(await client.apps.list({ serviceAccountId })), []);
  });
}

test('every apps and apps.keys method with the account key (scope account)', async (t) => {
  const client = account();
  const serviceAccount = (await client.serviceAccounts.create('Listing (account key)')).serviceAccount;
  await exerciseApps(t, 'account key', client, {
    serviceAccountId: serviceAccount._id,
    // v1.1 has no route to grant an existing app to a service account; v2 does.
    grant: (appId) => raw('PUT', `/v2/serviceaccounts/${serviceAccount._id}/apps/${appId}`),
    exclusive: false,
  });
  await client.serviceAccounts.delete(serviceAccount._id);
});

test('every apps and apps.keys method with a service account key (scope account)', async (t) => {
  const serviceAccount = (await account().serviceAccounts.create('Deployment (svc key)')).serviceAccount;
  const key = (await account().serviceAccounts.keys.create(serviceAccount._id, 'Deployment key')).key;
  assert.match(key._id, /^svc_[0-9a-f]{24}$/);
  await exerciseApps(t, 'service account key', withKey(key._id, key.secret, 'account'), {
    serviceAccountId: serviceAccount._id,
    grant: async () => {}, // an app a service account creates is granted to it
    exclusive: true,
  });
  await account().serviceAccounts.delete(serviceAccount._id);
});

test('a service account key reaches only its own apps and no service accounts', async (t) => {
  const owner = account();
  const serviceAccount = (await owner.serviceAccounts.create('Deployment (restricted)')).serviceAccount;
  const other = (await owner.serviceAccounts.create('Another deployment')).serviceAccount;
  const key = (await owner.serviceAccounts.keys.create(serviceAccount._id, 'Deployment key')).key;
  const otherKey = (await owner.serviceAccounts.keys.create(other._id, 'Other key')).key;
  const accountApp = (await owner.apps.create('Made by the account key')).app;
  const accountAppKey = (await owner.apps.keys.create(accountApp._id, 'Account app key')).key;
  const svc = withKey(key._id, key.secret, 'account');
  const ownApp = (await svc.apps.create('Made by the service account')).app;

  await t.test('apps of the account it was not granted answer 404', async () => {
    await rejectsWith(svc.apps.get(accountApp._id), 404);
    await rejectsWith(svc.apps.update(accountApp._id, { name: 'Taken over' }), 404);
    await rejectsWith(svc.apps.delete(accountApp._id), 404);
    await rejectsWith(svc.apps.keys.create(accountApp._id, 'Sneaky key'), 404);
    await rejectsWith(svc.apps.keys.list(accountApp._id), 404);
    await rejectsWith(svc.apps.keys.get(accountApp._id, accountAppKey._id), 404);
    await rejectsWith(svc.apps.keys.getJwt(accountApp._id, accountAppKey._id), 404);
    await rejectsWith(svc.apps.keys.delete(accountApp._id, accountAppKey._id), 404);
    assert.deepEqual(idsOf(await svc.apps.list()), [ownApp._id]);
    const untouched = (await owner.apps.get(accountApp._id)).app;
    assert.equal(untouched.name, 'Made by the account key');
    assert.deepEqual((await owner.apps.keys.list(accountApp._id)).keys, [accountAppKey]);
  });

  await t.test('apps.list names only its own service account (403 otherwise)', async () => {
    assert.deepEqual(idsOf(await svc.apps.list({ serviceAccountId: serviceAccount._id })), [ownApp._id]);
    await rejectsWith(svc.apps.list({ serviceAccountId: other._id }), 403);
  });

  await t.test('every serviceAccounts method answers 403', async () => {
    await rejectsWith(svc.serviceAccounts.create('Escalation'), 403);
    await rejectsWith(svc.serviceAccounts.list(), 403);
    await rejectsWith(svc.serviceAccounts.list(10, 1), 403);
    await rejectsWith(svc.serviceAccounts.get(serviceAccount._id), 403);
    await rejectsWith(svc.serviceAccounts.get(other._id), 403);
    await rejectsWith(svc.serviceAccounts.update(serviceAccount._id, { name: 'Renamed by itself' }), 403);
    await rejectsWith(svc.serviceAccounts.delete(other._id), 403);
    await rejectsWith(svc.serviceAccounts.delete(serviceAccount._id), 403);
    assert.equal((await owner.serviceAccounts.get(serviceAccount._id)).serviceAccount.name,
      'Deployment (restricted)');
    assert.equal((await owner.serviceAccounts.get(other._id)).serviceAccount.name, 'Another deployment');
  });

  await t.test('every serviceAccounts.keys method answers 403', async () => {
    for (const [target, targetKey] of [[serviceAccount, key], [other, otherKey]]) {
      await rejectsWith(svc.serviceAccounts.keys.create(target._id, 'Escalation key'), 403);
      await rejectsWith(svc.serviceAccounts.keys.list(target._id), 403);
      await rejectsWith(svc.serviceAccounts.keys.get(target._id, targetKey._id), 403);
      await rejectsWith(svc.serviceAccounts.keys.getJwt(target._id, targetKey._id), 403);
      await rejectsWith(svc.serviceAccounts.keys.delete(target._id, targetKey._id), 403);
    }
    assert.deepEqual((await owner.serviceAccounts.keys.list(serviceAccount._id)).keys, [key]);
    assert.deepEqual((await owner.serviceAccounts.keys.list(other._id)).keys, [otherKey]);
  });

  await owner.apps.delete(accountApp._id);
  await owner.apps.delete(ownApp._id);
  await owner.serviceAccounts.delete(serviceAccount._id);
  await owner.serviceAccounts.delete(other._id);
});

test('every serviceAccounts and serviceAccounts.keys method with the account key', async (t) => {
  const client = account();
  let created;
  let names;
  let firstKey;
  let secondKey;

  await t.test('serviceAccounts.create and get', async () => {
    names = ['Deployment Berlin', 'Deployment Lyon', 'Deployment Porto'];
    created = [];
    for (const name of names) {
      created.push((await client.serviceAccounts.create(name)).serviceAccount);
    }
    for (const [i, serviceAccount] of created.entries()) {
      assert.match(serviceAccount._id, APP_ID);
      assert.equal(serviceAccount.name, names[i]);
      assert.equal(serviceAccount.id, undefined, 'v1.1 names the id _id');
      assert.deepEqual((await client.serviceAccounts.get(serviceAccount._id)).serviceAccount, serviceAccount);
    }
    const ids = created.map((serviceAccount) => serviceAccount._id);
    assert.deepEqual([...ids].sort(), ids, 'ids increase with creation');
  });

  await t.test('serviceAccounts.list, with limit and offset', async () => {
    const ids = created.map((serviceAccount) => serviceAccount._id);
    const all = await client.serviceAccounts.list();
    assert.equal(all.offset, 0);
    assert.equal(typeof all.hasMore, 'boolean');
    assert.ok(all.serviceAccounts.length <= 25);
    const wide = await client.serviceAccounts.list({ limit: 100 });
    const listed = wide.serviceAccounts.map((serviceAccount) => serviceAccount._id);
    assert.deepEqual([...listed].sort(), listed, 'oldest first');
    assert.deepEqual(listed.filter((id) => ids.includes(id)), ids);
    assert.deepEqual(wide.serviceAccounts.find((serviceAccount) => serviceAccount._id === ids[1]), created[1]);

    const first = await client.serviceAccounts.list(1);
    assert.equal(first.serviceAccounts.length, 1);
    assert.equal(first.hasMore, true);
    assert.equal(first.offset, 0);
    const second = await client.serviceAccounts.list(1, 1);
    assert.equal(second.serviceAccounts.length, 1);
    assert.equal(second.offset, 1, 'offset repeats the records skipped');
    assert.ok(second.serviceAccounts[0]._id > first.serviceAccounts[0]._id, 'the next page holds newer ones');
    const skipped = await client.serviceAccounts.list({ offset: 1 });
    assert.equal(skipped.offset, 1);
    assert.equal(skipped.serviceAccounts[0]._id, second.serviceAccounts[0]._id);
    const beyond = await client.serviceAccounts.list({ offset: 100000 });
    assert.deepEqual(beyond.serviceAccounts, []);
    assert.equal(beyond.hasMore, false);
    assert.equal(beyond.offset, 100000);
  });

  await t.test('serviceAccounts.update', async () => {
    const renamed = (await client.serviceAccounts.update(created[0]._id, { name: 'Deployment Berlin 2' }))
      .serviceAccount;
    assert.deepEqual(renamed, { ...created[0], name: 'Deployment Berlin 2' });
    assert.deepEqual((await client.serviceAccounts.get(created[0]._id)).serviceAccount, renamed);
    created[0] = renamed;
  });

  await t.test('serviceAccounts.keys.create, list, get', async () => {
    firstKey = (await client.serviceAccounts.keys.create(created[0]._id, 'Berlin key')).key;
    assert.match(firstKey._id, /^svc_[0-9a-f]{24}$/);
    assert.equal(firstKey.name, 'Berlin key');
    assert.equal(typeof firstKey.secret, 'string');
    assert.ok(firstKey.secret.length > 0);
    secondKey = (await client.serviceAccounts.keys.create(created[0]._id, 'Berlin spare key')).key;
    assert.deepEqual((await client.serviceAccounts.keys.list(created[0]._id)).keys, [firstKey, secondKey]);
    assert.deepEqual((await client.serviceAccounts.keys.list(created[1]._id)).keys, []);
    assert.deepEqual((await client.serviceAccounts.keys.get(created[0]._id, firstKey._id)).key, firstKey);
    await rejectsWith(client.serviceAccounts.keys.get(created[1]._id, firstKey._id), 404);
  });

  await t.test('serviceAccounts.keys.getJwt, and a client on the returned JWT', async () => {
    const { jwt } = await client.serviceAccounts.keys.getJwt(created[0]._id, firstKey._id);
    const decoded = decodeJwt(jwt, firstKey.secret);
    assert.deepEqual(decoded.header, { ...decoded.header, alg: 'HS256', kid: firstKey._id });
    assert.equal(decoded.payload.scope, 'account');
    assert.ok(decoded.verifies, 'signed with the service account key\'s secret');

    const asDeployment = smooch({ jwt });
    assert.equal(asDeployment.scope, 'account');
    const app = (await asDeployment.apps.create('Berlin customer', undefined, { site: 'berlin' })).app;
    assert.match(app._id, APP_ID);
    assert.deepEqual(app.metadata, { site: 'berlin' });
    const listed = await asDeployment.apps.list();
    assert.deepEqual(listed.apps, [app], 'only its own app');
    assert.equal(listed.hasMore, false);
    assert.deepEqual((await asDeployment.apps.list({ serviceAccountId: created[0]._id })).apps, [app]);
    assert.deepEqual((await client.apps.list({ serviceAccountId: created[0]._id })).apps, [app]);
    assert.deepEqual((await client.apps.get(app._id)).app, app);
    await rejectsWith(asDeployment.serviceAccounts.list(), 403);
  });

  await t.test('serviceAccounts.keys.delete, and the deleted key stops working', async () => {
    const { jwt } = await client.serviceAccounts.keys.getJwt(created[0]._id, firstKey._id);
    assert.deepEqual(await client.serviceAccounts.keys.delete(created[0]._id, firstKey._id), {});
    assert.deepEqual((await client.serviceAccounts.keys.list(created[0]._id)).keys, [secondKey]);
    await rejectsWith(client.serviceAccounts.keys.get(created[0]._id, firstKey._id), 404);
    await rejectsWith(client.serviceAccounts.keys.getJwt(created[0]._id, firstKey._id), 404);
    await rejectsWith(client.serviceAccounts.keys.delete(created[0]._id, firstKey._id), 404);
    await rejectsWith(smooch({ jwt }).apps.list(), 401);
    await rejectsWith(withKey(firstKey._id, firstKey.secret).apps.list(), 401);
    assert.equal((await withKey(secondKey._id, secondKey.secret).apps.list()).apps.length, 1, 'the other key works');
  });

  await t.test('serviceAccounts.delete revokes its keys and leaves its apps with the account', async () => {
    const [app] = (await client.apps.list({ serviceAccountId: created[0]._id })).apps;
    for (const serviceAccount of created) {
      assert.deepEqual(await client.serviceAccounts.delete(serviceAccount._id), {});
    }
    const ids = created.map((serviceAccount) => serviceAccount._id);
    await rejectsWith(client.serviceAccounts.get(ids[0]), 404);
    await rejectsWith(client.serviceAccounts.update(ids[0], { name: 'Ghost' }), 404);
    await rejectsWith(client.serviceAccounts.delete(ids[0]), 404);
    await rejectsWith(client.serviceAccounts.keys.list(ids[0]), 404);
    await rejectsWith(client.serviceAccounts.keys.create(ids[0], 'Late key'), 404);
    await rejectsWith(client.apps.list({ serviceAccountId: ids[0] }), 404);
    await rejectsWith(withKey(secondKey._id, secondKey.secret).apps.list(), 401);
    const listed = (await client.serviceAccounts.list({ limit: 100 })).serviceAccounts.map((sa) => sa._id);
    assert.deepEqual(listed.filter((id) => ids.includes(id)), []);
    assert.deepEqual((await client.apps.get(app._id)).app, app, 'the app stays with the account');
    assert.deepEqual(await client.apps.delete(app._id), {});
  });
});

// smooch-core turns an error answer into an Error from the body's `error` object (lib/utils/http.js,
// handleResponse): `{"error":{"code","description"}}` gives err.code, err.description and err.message; without it
// all an application gets is the HTTP status text. This checks what the client reads, status by status.
test('errors reach smooch-core as {error: {code, description}}', async (t) => {
  const owner = account();
  const app = (await owner.apps.create('Error shapes')).app;
  const key = (await owner.apps.keys.create(app._id, 'Error shapes key')).key;
  const appScoped = withKey(key._id, key.secret, 'app');
  const wrongSecret = withKey(ACCOUNT_KEY_ID, 'not-the-secret');
  const unknownApp = '000000000000000000000000';
  // [status, the code expected, what is called, the request smooch-core sends for it, the client]
  const cases = [
    [400, 'bad_request', 'apps.update(appId, {name: \'\'})', 'PUT', `/apps/${app._id}`, owner,
      () => owner.apps.update(app._id, { name: '' })],
    [401, 'unauthorized', 'apps.list() signed with a wrong secret', 'GET', '/apps', wrongSecret,
      () => wrongSecret.apps.list()],
    [403, 'forbidden', 'apps.list() with an app key', 'GET', '/apps', appScoped, () => appScoped.apps.list()],
    [404, /not_found$/, 'apps.get(unknown appId)', 'GET', `/apps/${unknownApp}`, owner,
      () => owner.apps.get(unknownApp)],
  ];
  for (const [status, code, label, method, path, client, call] of cases) {
    await t.test(`${status}: ${label}`, async () => {
      const error = await call().then(
        (answer) => assert.fail(`expected a ${status}, got ${JSON.stringify(answer)}`),
        (rejection) => rejection);
      assert.equal(error.response?.status, status, error.stack);
      // What Parley answered, for the failure message (the client has consumed the body already).
      const answered = await fetch(`${BASE_URL}/v1.1${path}`, {
        method,
        headers: { ...client.authHeaders, 'Content-Type': 'application/json' },
        body: method === 'PUT' ? JSON.stringify({ name: '' }) : undefined,
      }).then((response) => response.text());
      const explain = `smooch-core reads the body's error.code and error.description; Parley answered ${answered}`;
      if (code instanceof RegExp) {
        assert.match(String(error.code), code, explain);
      } else {
        assert.equal(error.code, code, explain);
      }
      assert.equal(typeof error.description, 'string', explain);
      assert.ok(error.description.length > 0, explain);
      assert.equal(error.message, error.description, explain);
    });
  }
  await owner.apps.delete(app._id);
});
