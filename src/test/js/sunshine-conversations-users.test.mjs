// The published JavaScript client (npm: sunshine-conversations-client) against a running Parley: every method of
// UsersApi, ClientsApi, DevicesApi, ConversationsApi and ParticipantsApi, configured as its README says with only
// basePath and the credentials changed: with the account key and an app key, each over Basic and over a JWT, and
// with a service-account key on an app it created; another account's key finds none of it. Run by
// dev.parley.compat.JavaScriptClientsTest (see sunshine-conversations-client.test.mjs for the environment it sets).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import SunshineConversationsClient from 'sunshine-conversations-client';
import {
  ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, OTHER_ACCOUNT_KEY, assertEmptyObject, jwt, raw, rejectsWith, sunshineClient,
} from './parley.mjs';

const ID = /^[0-9a-f]{24}$/;
const plain = (value) => JSON.parse(JSON.stringify(value));

/** The APIs this file calls, on a client of its own with those credentials. */
function client(credentials) {
  const apiClient = sunshineClient(credentials);
  return {
    apps: new SunshineConversationsClient.AppsApi(apiClient),
    users: new SunshineConversationsClient.UsersApi(apiClient),
    clients: new SunshineConversationsClient.ClientsApi(apiClient),
    devices: new SunshineConversationsClient.DevicesApi(apiClient),
    conversations: new SunshineConversationsClient.ConversationsApi(apiClient),
    participants: new SunshineConversationsClient.ParticipantsApi(apiClient),
  };
}

const newApp = async (displayName) => (await raw('POST', '/v2/apps', { displayName })).app.id;

async function appKey(appId) {
  const { key } = await raw('POST', `/v2/apps/${appId}/keys`, { displayName: 'Customer key' });
  return key;
}

async function eventTypes(appId) {
  return (await raw('GET', `/v2/apps/${appId}/events?page[size]=100`)).events.map((event) => event.type);
}

/** Calls every method of the five APIs in the app; `label` keeps the external ids of two runs in one app apart. */
async function exerciseEveryMethod(t, label, appId, { users, clients, devices, conversations, participants }) {
  const externalId = `ada-${label}`;
  const otherExternalId = `grace-${label}`;
  let ada;
  let grace;
  let personal;
  let group;

  await t.test(`${label}: UsersApi: createUser, getUser by id and by externalId, updateUser`, async () => {
    ada = (await users.createUser(appId, {
      externalId,
      profile: { givenName: 'Ada', surname: 'Lovelace', email: 'ada@example.com' },
      metadata: { plan: 'gold', seats: 3 },
    })).user;
    assert.match(ada.id, ID);
    assert.equal(ada.externalId, externalId);
    assert.equal(ada.profile.givenName, 'Ada');
    assert.equal(ada.profile.email, 'ada@example.com');
    assert.deepEqual(plain(ada.metadata), { plan: 'gold', seats: 3 });
    assert.deepEqual(plain(ada.identities), []);
    assert.deepEqual(plain((await users.getUser(appId, ada.id)).user), plain(ada));
    assert.deepEqual(plain((await users.getUser(appId, externalId)).user), plain(ada));

    const updated = (await users.updateUser(appId, externalId, {
      profile: { givenName: 'Augusta Ada' }, metadata: { plan: 'platinum' },
    })).user;
    assert.equal(updated.id, ada.id);
    assert.equal(updated.profile.givenName, 'Augusta Ada');
    assert.equal(updated.profile.surname, undefined, 'a profile given replaces the whole profile');
    assert.deepEqual(plain(updated.metadata), { plan: 'platinum' });

    grace = (await users.createUser(appId, { externalId: otherExternalId })).user;
    assert.match(grace.id, ID);
    await rejectsWith(users.createUser(appId, { externalId }), 409, 'conflict');
    await rejectsWith(users.getUser(appId, `nobody-${label}`), 404, 'user_not_found');
    await rejectsWith(users.updateUser(appId, ada.id, { externalId: 'renamed' }), 400, 'bad_request');
  });

  await t.test(`${label}: ClientsApi and DevicesApi: no channel, so no clients and no devices`, async () => {
    const listed = await clients.listClients(appId, ada.id, {});
    assert.deepEqual(plain(listed.clients), []);
    assert.equal(listed.meta.hasMore, false);
    assert.deepEqual(plain((await clients.listClients(appId, externalId, { page: { size: 5 } })).clients), []);
    await rejectsWith(clients.removeClient(appId, ada.id, '5f0c1e0b2a3d4c5b6a798001'), 404, 'client_not_found');
    await assert.rejects(clients.createClient(appId, ada.id, { matchCriteria: { type: 'messenger' } }), (error) => {
      assert.equal(error.status, 400);
      assert.match(error.body.errors[0].title, /supports no channel types/);
      return true;
    });
    await rejectsWith(clients.listClients(appId, `nobody-${label}`, {}), 404, 'user_not_found');

    assert.deepEqual(plain((await devices.listDevices(appId, externalId)).devices), []);
    await rejectsWith(devices.getDevice(appId, ada.id, '5f0c1e0b2a3d4c5b6a798002'), 404, 'device_not_found');
  });

  await t.test(`${label}: ConversationsApi: create, list by userId and by userExternalId, get, update`,
    async () => {
      personal = (await conversations.createConversation(appId, {
        type: 'personal', participants: [{ userId: ada.id }], metadata: { topic: 'billing' },
      })).conversation;
      assert.match(personal.id, ID);
      assert.equal(personal.type, 'personal');
      assert.equal(personal.isDefault, true, "the user's first personal conversation is its default");
      assert.deepEqual(plain(personal.metadata), { topic: 'billing' });

      group = (await conversations.createConversation(appId, {
        type: 'sdkGroup', participants: [{ userExternalId: externalId }], displayName: 'Team room',
      })).conversation;
      assert.match(group.id, ID);
      assert.equal(group.type, 'sdkGroup');
      assert.equal(group.isDefault, false);
      assert.equal(group.displayName, 'Team room');

      const byUserId = await conversations.listConversations(appId, { userId: ada.id });
      assert.deepEqual(byUserId.conversations.map((c) => c.id).sort(), [personal.id, group.id].sort());
      assert.equal(byUserId.meta.hasMore, false);
      const byExternalId = await conversations.listConversations(appId, { userExternalId: externalId });
      assert.deepEqual(plain(byExternalId.conversations), plain(byUserId.conversations));
      assert.deepEqual(plain((await conversations.listConversations(appId, { userId: grace.id })).conversations),
        []);
      await rejectsWith(conversations.listConversations(appId, { userExternalId: `nobody-${label}` }), 404,
        'user_not_found');

      assert.deepEqual(plain((await conversations.getConversation(appId, group.id)).conversation), plain(group));
      const renamed = (await conversations.updateConversation(appId, group.id,
        { displayName: 'Project room', metadata: { project: 'engine' } })).conversation;
      assert.equal(renamed.id, group.id);
      assert.equal(renamed.type, 'sdkGroup');
      assert.equal(renamed.displayName, 'Project room');
      assert.deepEqual(plain(renamed.metadata), { project: 'engine' });
      await rejectsWith(conversations.updateConversation(appId, group.id, { type: 'personal' }), 400, 'bad_request');
      await rejectsWith(conversations.getConversation(appId, '5f0c1e0b2a3d4c5b6a798003'), 404,
        'conversation_not_found');
    });

  await t.test(`${label}: ParticipantsApi: joinConversation, listParticipants, leaveConversation`, async () => {
    const joined = (await participants.joinConversation(appId, group.id, { userId: grace.id })).participant;
    assert.match(joined.id, ID);
    assert.equal(joined.userId, grace.id);
    assert.equal(joined.userExternalId, otherExternalId);
    assert.equal(joined.unreadCount, 0);
    assert.deepEqual(plain(joined.clientAssociations), []);
    await rejectsWith(participants.joinConversation(appId, group.id, { userExternalId: otherExternalId }), 409,
      'conflict');
    await rejectsWith(participants.joinConversation(appId, personal.id, { userId: grace.id }), 400, 'bad_request');

    const listed = await participants.listParticipants(appId, group.id, {});
    assert.deepEqual(listed.participants.map((p) => p.userId).sort(), [ada.id, grace.id].sort());
    assert.deepEqual(plain(listed.participants.find((p) => p.id === joined.id)), plain(joined));
    assert.equal(listed.meta.hasMore, false);
    const firstPage = await participants.listParticipants(appId, group.id, { page: { size: 1 } });
    assert.equal(firstPage.participants.length, 1);
    assert.equal(firstPage.meta.hasMore, true);

    assertEmptyObject(await participants.leaveConversation(appId, group.id, { userExternalId: otherExternalId }));
    assert.deepEqual((await participants.listParticipants(appId, group.id, {})).participants.map((p) => p.userId),
      [ada.id]);
    await rejectsWith(participants.leaveConversation(appId, group.id, { userId: grace.id }), 404, 'not_found');
  });

  await t.test(`${label}: deleteConversation, deleteUserPersonalInformation, deleteUser, and their events`,
    async () => {
      assertEmptyObject(await conversations.deleteConversation(appId, group.id));
      await rejectsWith(conversations.getConversation(appId, group.id), 404, 'conversation_not_found');
      await rejectsWith(conversations.deleteConversation(appId, personal.id), 400, 'bad_request');

      const forgotten = (await users.deleteUserPersonalInformation(appId, externalId)).user;
      assert.equal(forgotten.id, ada.id);
      assert.equal(forgotten.externalId, externalId);
      assert.deepEqual(plain(forgotten.profile), {});
      assert.deepEqual(plain(forgotten.metadata), {});

      assertEmptyObject(await users.deleteUser(appId, externalId));
      await rejectsWith(users.getUser(appId, ada.id), 404, 'user_not_found');
      await rejectsWith(conversations.getConversation(appId, personal.id), 404, 'conversation_not_found');
      await rejectsWith(users.deleteUser(appId, externalId), 404, 'user_not_found');

      const types = await eventTypes(appId);
      for (const type of ['conversation:create', 'conversation:join', 'conversation:leave', 'conversation:remove',
        'user:remove']) {
        assert.ok(types.includes(type), `${type} in ${types}`);
      }
    });
}

test('every method with the account key over Basic auth', async (t) => {
  const appId = await newApp('JavaScript users (account, Basic)');
  await exerciseEveryMethod(t, 'account-basic', appId, client({ basic: [ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET] }));
});

test('every method with the account key over a JWT', async (t) => {
  const appId = await newApp('JavaScript users (account, JWT)');
  await exerciseEveryMethod(t, 'account-jwt', appId,
    client({ bearer: jwt(ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, 'account') }));
});

test('every method with an app key on its own app, over Basic and a JWT; another app is app_not_found',
  async (t) => {
    const appId = await newApp('JavaScript users (app key)');
    const otherAppId = await newApp('JavaScript users (another app)');
    const key = await appKey(appId);
    for (const [how, asKey] of [
      ['basic', client({ basic: [key.id, key.secret] })],
      ['jwt', client({ bearer: jwt(key.id, key.secret, 'app') })],
    ]) {
      await exerciseEveryMethod(t, `app-${how}`, appId, asKey);
      await rejectsWith(asKey.users.createUser(otherAppId, { externalId: 'intruder' }), 404, 'app_not_found');
      await rejectsWith(asKey.conversations.listConversations(otherAppId, { userExternalId: 'anyone' }), 404,
        'app_not_found');
      await rejectsWith(asKey.participants.listParticipants(otherAppId, '5f0c1e0b2a3d4c5b6a798004', {}), 404,
        'app_not_found');
    }
  });

test('every method with a service-account key on an app it created; an app it does not reach is app_not_found',
  async (t) => {
    const serviceAccount = (await raw('POST', '/v2/serviceaccounts', { displayName: 'JavaScript deployment' }))
      .serviceAccount;
    const { key } = await raw('POST', `/v2/serviceaccounts/${serviceAccount.id}/keys`, { displayName: 'Key' });
    const asService = client({ basic: [key.id, key.secret] });
    const appId = (await asService.apps.createApp({ displayName: 'JavaScript users (service account)' })).app.id;
    await exerciseEveryMethod(t, 'service-account', appId, asService);

    const notGranted = await newApp('JavaScript users (not granted)');
    await rejectsWith(asService.users.createUser(notGranted, { externalId: 'intruder' }), 404, 'app_not_found');
    await rejectsWith(asService.conversations.getConversation(notGranted, '5f0c1e0b2a3d4c5b6a798005'), 404,
      'app_not_found');
  });

test("another account's key finds none of the account's apps: 404 app_not_found, over Basic and a JWT", async () => {
  const appId = await newApp('JavaScript users (not for another account)');
  const userId = (await raw('POST', `/v2/apps/${appId}/users`, { externalId: 'private' })).user.id;
  const conversationId = (await raw('POST', `/v2/apps/${appId}/conversations`,
    { type: 'sdkGroup', participants: [{ userId }] })).conversation.id;
  for (const stranger of [
    client({ basic: OTHER_ACCOUNT_KEY }),
    client({ bearer: jwt(OTHER_ACCOUNT_KEY[0], OTHER_ACCOUNT_KEY[1], 'account') }),
  ]) {
    await rejectsWith(stranger.users.getUser(appId, userId), 404, 'app_not_found');
    await rejectsWith(stranger.users.deleteUser(appId, 'private'), 404, 'app_not_found');
    await rejectsWith(stranger.clients.listClients(appId, userId, {}), 404, 'app_not_found');
    await rejectsWith(stranger.devices.listDevices(appId, userId), 404, 'app_not_found');
    await rejectsWith(stranger.conversations.listConversations(appId, { userId }), 404, 'app_not_found');
    await rejectsWith(stranger.conversations.deleteConversation(appId, conversationId), 404, 'app_not_found');
    await rejectsWith(stranger.participants.joinConversation(appId, conversationId, { userId }), 404,
      'app_not_found');
  }
  assert.equal((await raw('GET', `/v2/apps/${appId}/users/private`)).user.id, userId, 'nothing changed');
  assert.equal((await raw('GET', `/v2/apps/${appId}/conversations/${conversationId}/participants`))
    .participants.length, 1);
});
