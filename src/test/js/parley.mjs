// What the client test files share: the Parley they run against, from the environment
// dev.parley.compat.JavaScriptClientsTest sets, and plain HTTP for setup their client has no method for.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import SunshineConversationsClient from 'sunshine-conversations-client';

const REQUIRED = ['PARLEY_URL', 'PARLEY_ACCOUNT_KEY_ID', 'PARLEY_ACCOUNT_KEY_SECRET', 'PARLEY_OTHER_ACCOUNT_KEY_ID',
  'PARLEY_OTHER_ACCOUNT_KEY_SECRET'];
const missing = REQUIRED.filter((name) => !process.env[name]);
if (missing.length > 0) {
  throw new Error(`the client tests need the environment variables ${missing.join(', ')} `
    + '(the Parley base URL, and the key id and secret of one account and of another). '
    + 'dev.parley.compat.JavaScriptClientsTest sets them; to run by hand, start Parley, create two accounts and '
    + 'export them.');
}
export const BASE_URL = process.env.PARLEY_URL.replace(/\/+$/, '');
export const ACCOUNT_KEY_ID = process.env.PARLEY_ACCOUNT_KEY_ID;
export const ACCOUNT_KEY_SECRET = process.env.PARLEY_ACCOUNT_KEY_SECRET;
/** A key of another account, which must find nothing of the first. */
export const OTHER_ACCOUNT_KEY = [process.env.PARLEY_OTHER_ACCOUNT_KEY_ID, process.env.PARLEY_OTHER_ACCOUNT_KEY_SECRET];

/** A request over plain HTTP with the account key (Basic); fails the test unless it answers 2xx. */
export async function raw(method, path, body) {
  const response = await fetch(BASE_URL + path, {
    method,
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${ACCOUNT_KEY_ID}:${ACCOUNT_KEY_SECRET}`).toString('base64'),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path} answered ${response.status} ${text}`);
  return JSON.parse(text);
}

/** An answer of {}: the sunshine-conversations-client hands an empty object over as its text. */
export function assertEmptyObject(answer) {
  assert.deepEqual(typeof answer === 'string' ? JSON.parse(answer) : answer, {});
}

const base64url = (value) => Buffer.from(value).toString('base64url');

/** The JWT the upstream docs describe: HS256, header {alg, typ, kid}, payload {scope}, signed with the secret. */
export function jwt(keyId, secret, scope) {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: keyId }));
  const payload = base64url(JSON.stringify({ scope }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * A sunshine-conversations-client ApiClient of its own (not the shared ApiClient.instance), pointed at Parley:
 * only basePath and the credentials, `basic` as [keyId, secret] or `bearer` as a JWT.
 */
export function sunshineClient({ basic, bearer }) {
  const apiClient = new SunshineConversationsClient.ApiClient();
  apiClient.basePath = BASE_URL;
  if (basic) {
    apiClient.authentications.basicAuth.username = basic[0];
    apiClient.authentications.basicAuth.password = basic[1];
  }
  if (bearer) {
    apiClient.authentications.bearerAuth.accessToken = bearer;
  }
  return apiClient;
}

/** The sunshine-conversations-client rejects with {status, body, response, error}; checks the status and code. */
export async function rejectsWith(promise, status, code) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.status, status, `expected ${status}, got ${error.status} ${JSON.stringify(error.body)}`);
    if (code) {
      assert.equal(error.body?.errors?.[0]?.code, code, JSON.stringify(error.body));
    }
    return true;
  });
}
