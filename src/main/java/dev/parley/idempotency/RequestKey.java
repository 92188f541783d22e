package dev.parley.idempotency;

/** What an Idempotency-Key is remembered by: the caller's account, the request's path, and the key. */
record RequestKey(String accountId, String route, String key) {
}
