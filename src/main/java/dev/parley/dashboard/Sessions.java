package dev.parley.dashboard;

import dev.parley.keys.KeyView;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.accounts.AccountOwner;
import dev.parley.crypto.Sealer;
import dev.parley.http.Json;
import dev.parley.store.Database;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Dashboard sessions, kept in the database so that any Parley server sharing it can serve the owner. A session ends
 * at sign-out, when its owner is deleted or their password changes, or {@link #LIFETIME} after sign-in, whichever
 * comes first.
 */
public final class Sessions {
    public static final Duration LIFETIME = Duration.ofHours(12);

    private final Database database;
    private final SessionStore store;
    private final SessionTokens tokens;
    private final Sealer sealer;
    private final Clock clock;

    public Sessions(Database database, SessionStore store, SessionTokens tokens, Sealer sealer, Clock clock) {
        this.database = database;
        this.store = store;
        this.tokens = tokens;
        this.sealer = sealer;
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
        DashboardSession session = new DashboardSession(SessionTokens.hash(token), owner.id(), owner.accountId(),
                owner.email(), tokens.next(), now.plus(LIFETIME));
        database.inTransaction(handle -> {
            // Sign-ins are rare next to page views: a good moment to clear out sessions that ran out.
            store.deleteExpired(handle, now);
            store.insert(handle, session.tokenHash(), owner.id(), session.csrfToken(), now, session.expiresAt());
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

    /**
     * Keeps a new key, secret and all, for the page that the form which made it redirects to; sealed, and bound to
     * this session, so that neither the database nor another session's row can show it.
     */
    public void keepNewKey(DashboardSession session, String page, KeyView key) {
        String sealed;
        try {
            sealed = sealer.seal(noticeBinding(session), Json.mapper().writeValueAsString(key));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        SessionStore.StoredNotice notice = new SessionStore.StoredNotice(page, sealed);
        database.inTransaction(handle -> {
            store.keepNotice(handle, session.tokenHash(), notice);
            return null;
        });
    }

    /**
     * The new key kept for this page, cleared as it is read: a reload, or another request at the same moment,
     * finds nothing.
     */
    public Optional<KeyView> takeNewKey(DashboardSession session, String page) {
        Optional<SessionStore.StoredNotice> kept = database.withoutTransaction(handle -> store.findNotice(handle,
                session.tokenHash())).filter(notice -> notice.page().equals(page));
        if (kept.isEmpty() || !database.inTransaction(handle -> store.clearNotice(handle, session.tokenHash(),
                kept.get()))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(sealer.open(noticeBinding(session), kept.get().sealed()),
                    KeyView.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String noticeBinding(DashboardSession session) {
        return "dashboard_sessions " + session.tokenHash();
    }
}
