// The published JavaScript client (npm: sunshine-conversations-client) against a running Parley: every method of
// MessagesApi and ActivitiesApi, configured as its README says with only basePath and the credentials changed.
// The app, its user and conversation are made over plain HTTP first. Run by dev.parley.compat.JavaScriptClientsTest
// (see sunshine-conversations-client.test.mjs for the environment it sets).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import SunshineConversationsClient from 'sunshine-conversations-client';
import { ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, assertEmptyObject, raw, sunshineClient } from './parley.mjs';

test('MessagesApi and ActivitiesApi', async () => {
  const appId = (await raw('POST', '/v2/apps', { displayName: 'JavaScript messages' })).app.id;
  const userId = (await raw('POST', `/v2/apps/${appId}/users`, { externalId: 'js-user' })).user.id;
  const conversationId = (await raw('POST', `/v2/apps/${appId}/conversations`,
    { type: 'personal', participants: [{ userId }] })).conversation.id;

  const apiClient = sunshineClient({ basic: [ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET] });
  const messages = new SunshineConversationsClient.MessagesApi(apiClient);
  const activities = new SunshineConversationsClient.ActivitiesApi(apiClient);

  const posted = await messages.postMessage(appId, conversationId, {
    author: { type: 'business', displayName: 'Steve' },
    content: { type: 'text', text: 'Hello from the business' },
    metadata: { lang: 'en' },
  });
  const fromBusiness = posted.messages[0];
  assert.match(fromBusiness.id, /^[0-9a-f]{24}$/);
  assert.equal(fromBusiness.author.type, 'business');
  assert.equal(fromBusiness.content.text, 'Hello from the business');
  assert.equal(fromBusiness.source.type, 'api:conversations');
  assert.deepEqual(fromBusiness.metadata, { lang: 'en' });

  const fromUser = (await messages.postMessage(appId, conversationId, {
    author: { type: 'user', userExternalId: 'js-user' },
    content: { type: 'location', coordinates: { lat: 45.5, long: -73.5 } },
  })).messages[0];
  assert.equal(fromUser.author.userId, userId);
  assert.equal(fromUser.content.text, 'Location shared:\nhttps://maps.google.com/maps?q=45.5,-73.5');

  const newest = await messages.listMessages(appId, conversationId, {});
  assert.deepEqual(newest.messages.map((message) => message.id), [fromBusiness.id, fromUser.id]);
  assert.equal(newest.meta.hasMore, false);
  const older = await messages.listMessages(appId, conversationId, { page: { before: fromUser.id } });
  assert.deepEqual(older.messages.map((message) => message.id), [fromBusiness.id]);

  assertEmptyObject(await activities.postActivity(appId, conversationId,
    { author: { type: 'business' }, type: 'typing:start' }));
  assertEmptyObject(await activities.postActivity(appId, conversationId,
    { author: { type: 'user', userId }, type: 'conversation:read' }));

  assertEmptyObject(await messages.deleteMessage(appId, conversationId, fromBusiness.id));
  assert.deepEqual((await messages.listMessages(appId, conversationId, {})).messages.map((m) => m.id), [fromUser.id]);
  assertEmptyObject(await messages.deleteAllMessages(appId, conversationId));
  assert.deepEqual((await messages.listMessages(appId, conversationId, {})).messages, []);
});
