package dev.parley.dashboard;

import dev.parley.accounts.AccountOwner;
import dev.parley.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Dashboard sessions, kept in the database so that any Parley server sharing it can serve the owner. A session ends
 * at sign-out, when its owner is deleted, or {@link #LIFETIME} after sign-in, whichever comes first.
 */
public final class Sessions {
    public static final Duration LIFETIME = Duration.ofHours(12);

    private final Database database;
    private final SessionStore store;
    private final SessionTokens tokens;
    private final Clock clock;

    public Sessions(Database database, SessionStore store, SessionTokens tokens, Clock clock) {
        this.database = database;
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A new session and the token for its cookie; the token is in no other place after this returns. */
    public record Started(String token, DashboardSession session) {
        @Override
        public String toString() {
            return "Started[" + session + "]";
        }
    }

    public Started start(AccountOwner owner) {
        String token = tokens.next();
        Instant now = clock.instant();
        DashboardSession session = new DashboardSession(owner.id(), owner.accountId(), owner.email(), tokens.next(),
                now.plus(LIFETIME));
        database.inTransaction(handle -> {
            // Sign-ins are rare next to page views: a good moment to clear out sessions that ran out.
            store.deleteExpired(handle, now);
            store.insert(handle, SessionTokens.hash(token), owner.id(), session.csrfToken(), now, session.expiresAt());
            return null;
        });
        return new Started(token, session);
    }

    /** The live session of a cookie token, or empty for no token, an unknown one, or one that expired. */
    public Optional<DashboardSession> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return database.withoutTransaction(handle -> store.findLive(handle, SessionTokens.hash(token), clock.instant()));
    }

    /** Ends the session on the server: its token signs no one in from now on, on any server. */
    public void end(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return;
        }
        database.inTransaction(handle -> {
            store.delete(handle, SessionTokens.hash(token));
            return null;
        });
    }
}
