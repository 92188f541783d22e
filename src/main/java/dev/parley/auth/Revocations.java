package dev.parley.auth;

import org.jdbi.v3.core.Handle;

/**
 * Announces deletions that end credentials, from inside the deleting transaction: this server's cache drops the
 * keys once the transaction commits (before the response), and other servers hear of it through the channel, which
 * delivers only on commit.
 */
public final class Revocations {
    private final CredentialCache cache;
    private final RevocationChannel channel;

    public Revocations(CredentialCache cache, RevocationChannel channel) {
        this.cache = cache;
        this.channel = channel;
    }

    public void revoke(Handle handle, Revocation revocation) {
        channel.publish(handle, revocation);
        handle.afterCommit(() -> cache.invalidate(revocation));
    }
}
