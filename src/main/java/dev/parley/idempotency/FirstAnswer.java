package dev.parley.idempotency;

/** The answer to the first request with a key, and the digest of who sent which body. */
record FirstAnswer(String requestDigest, int status, String body) {
}
