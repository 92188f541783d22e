package dev.parley.auth;

import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Announces deletions that end credentials, from inside the deleting transaction: this server's caches drop what
 * the deletion ended once the transaction commits (before the response), and other servers hear of it through the
 * channel, which delivers only on commit.
 */
public final class Revocations {
    private final RevocationChannel channel;
    private final Consumer<Revocation> onCommit;

    /** {@code onCommit} drops what the revocation ended from this server's caches. */
    public Revocations(RevocationChannel channel, Consumer<Revocation> onCommit) {
        this.channel = channel;
        this.onCommit = onCommit;
    }

    public void revoke(Handle handle, Revocation revocation) {
        channel.publish(handle, revocation);
        handle.afterCommit(() -> onCommit.accept(revocation));
    }
}
