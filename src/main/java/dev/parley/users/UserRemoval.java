package dev.parley.users;

import org.jdbi.v3.core.Handle;

/**
 * What goes with a deleted user beyond its own rows (its personal conversations, say), removed in the deletion's
 * transaction by the feature that owns it, so that users need not know those features.
 */
@FunctionalInterface
public interface UserRemoval {
    void removeWith(Handle handle, String appId, String userId);
}
