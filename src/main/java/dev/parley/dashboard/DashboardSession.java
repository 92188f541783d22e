package dev.parley.dashboard;

import dev.parley.auth.Principal;
import java.time.Instant;

/**
 * A signed-in owner's session as stored: the hash its row is kept under, whose it is, the token every form must
 * echo, and when it ends.
 */
public record DashboardSession(String tokenHash, String ownerId, String accountId, String email, String csrfToken,
                               Instant expiresAt) {

    /** Who the dashboard acts as: the owner's account, decided by the access policy like an account key. */
    public Principal principal() {
        return Principal.ownerOf(accountId, ownerId);
    }

    @Override
    public String toString() {
        return "DashboardSession[" + ownerId + "]";
    }
}
