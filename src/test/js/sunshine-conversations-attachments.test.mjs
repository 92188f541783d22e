// The published JavaScript client (npm: sunshine-conversations-client) against a running Parley: AttachmentsApi's
// uploadAttachment (a file for a conversation's message) and deleteAttachment, with the account key over Basic; the
// media URL serves the file until it is deleted, and another account's key removes nothing. Run by
// dev.parley.compat.JavaScriptClientsTest (see sunshine-conversations-client.test.mjs for the environment it sets).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SunshineConversationsClient from 'sunshine-conversations-client';
import {
  ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET, BASE_URL, OTHER_ACCOUNT_KEY, assertEmptyObject, raw, sunshineClient,
} from './parley.mjs';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64');

test('AttachmentsApi', async () => {
  const appId = (await raw('POST', '/v2/apps', { displayName: 'JavaScript attachments' })).app.id;
  const { conversation } = await raw('POST', `/v2/apps/${appId}/conversations`, { type: 'sdkGroup' });
  const attachments = new SunshineConversationsClient.AttachmentsApi(
    sunshineClient({ basic: [ACCOUNT_KEY_ID, ACCOUNT_KEY_SECRET] }));
  const stranger = new SunshineConversationsClient.AttachmentsApi(sunshineClient({ basic: OTHER_ACCOUNT_KEY }));
  const directory = mkdtempSync(join(tmpdir(), 'parley-attachments-'));
  try {
    const file = join(directory, 'pixel.png');
    writeFileSync(file, PNG);

    const { attachment } = await attachments.uploadAttachment(appId, 'public', createReadStream(file),
      { _for: 'message', conversationId: conversation.id });
    assert.equal(attachment.mediaType, 'image/png');
    assert.ok(attachment.mediaUrl.startsWith(`${BASE_URL}/media/${appId}/`), attachment.mediaUrl);
    const served = await fetch(attachment.mediaUrl);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG);

    await assert.rejects(stranger.deleteAttachment(appId, { mediaUrl: attachment.mediaUrl }),
      (error) => error.status === 404);
    assertEmptyObject(await attachments.deleteAttachment(appId, { mediaUrl: attachment.mediaUrl }));
    assert.equal((await fetch(attachment.mediaUrl)).status, 404);
    await assert.rejects(attachments.deleteAttachment(appId, { mediaUrl: attachment.mediaUrl }),
      (error) => error.status === 404);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
