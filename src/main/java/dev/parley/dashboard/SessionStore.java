package dev.parley.dashboard;

import dev.parley.accounts.OwnerSessions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The dashboard_sessions table, keyed by the SHA-256 of the cookie token; the token itself is never stored. A
 * session's row also keeps its one-time notice, sealed, until the page it is for shows it.
 */
public final class SessionStore implements OwnerSessions {

    /** A one-time notice as stored: the page that shows it, and its sealed content. */
    public record StoredNotice(String page, String sealed) {
        @Override
        public String toString() {
            return "StoredNotice[" + page + "]";
        }
    }

    public void insert(Handle handle, String tokenHash, String ownerId, String csrfToken, Instant createdAt,
                       Instant expiresAt) {
        handle.createUpdate("INSERT INTO dashboard_sessions (token_hash, owner_id, csrf_token, created_at, expires_at) "
                        + "VALUES (:tokenHash, :ownerId, :csrfToken, :createdAt, :expiresAt)")
                .bind("tokenHash", tokenHash)
                .bind("ownerId", ownerId)
                .bind("csrfToken", csrfToken)
                .bind("createdAt", utc(createdAt))
                .bind("expiresAt", utc(expiresAt))
                .execute();
    }

    /** The session with this token hash, with its owner, while it has not expired. */
    public Optional<DashboardSession> findLive(Handle handle, String tokenHash, Instant now) {
        return handle.createQuery("SELECT s.owner_id, o.account_id, o.email, s.csrf_token, s.expires_at "
                        + "FROM dashboard_sessions s JOIN account_owners o ON o.id = s.owner_id "
                        + "WHERE s.token_hash = :tokenHash AND s.expires_at > :now")
                .bind("tokenHash", tokenHash)
                .bind("now", utc(now))
                .map((rs, ctx) -> new DashboardSession(tokenHash, rs.getString("owner_id"), rs.getString("account_id"),
                        rs.getString("email"), rs.getString("csrf_token"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .findOne();
    }

    public void delete(Handle handle, String tokenHash) {
        handle.createUpdate("DELETE FROM dashboard_sessions WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash)
                .execute();
    }

    public int deleteExpired(Handle handle, Instant now) {
        return handle.createUpdate("DELETE FROM dashboard_sessions WHERE expires_at <= :now")
                .bind("now", utc(now))
                .execute();
    }

    @Override
    public void endAll(Handle handle, String ownerId) {
        handle.createUpdate("DELETE FROM dashboard_sessions WHERE owner_id = :ownerId")
                .bind("ownerId", ownerId)
                .execute();
    }

    @Override
    public void endAllExcept(Handle handle, String ownerId, String keptTokenHash) {
        handle.createUpdate("DELETE FROM dashboard_sessions WHERE owner_id = :ownerId AND token_hash <> :kept")
                .bind("ownerId", ownerId)
                .bind("kept", keptTokenHash)
                .execute();
    }

    /** Keeps the session's one-time notice, in place of any it had. */
    public void keepNotice(Handle handle, String tokenHash, StoredNotice notice) {
        handle.createUpdate("UPDATE dashboard_sessions SET notice_page = :page, sealed_notice = :sealed "
                        + "WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash)
                .bind("page", notice.page())
                .bind("sealed", notice.sealed())
                .execute();
    }

    public Optional<StoredNotice> findNotice(Handle handle, String tokenHash) {
        return handle.createQuery("SELECT notice_page, sealed_notice FROM dashboard_sessions "
                        + "WHERE token_hash = :tokenHash AND sealed_notice IS NOT NULL")
                .bind("tokenHash", tokenHash)
                .map((rs, ctx) -> new StoredNotice(rs.getString("notice_page"), rs.getString("sealed_notice")))
                .findOne();
    }

    /**
     * Clears the notice if it is still the one read: true for exactly one of several requests that read it at the
     * same moment, the one that may show it.
     */
    public boolean clearNotice(Handle handle, String tokenHash, StoredNotice read) {
        return handle.createUpdate("UPDATE dashboard_sessions SET notice_page = NULL, sealed_notice = NULL "
                        + "WHERE token_hash = :tokenHash AND sealed_notice = :sealed")
                .bind("tokenHash", tokenHash)
                .bind("sealed", read.sealed())
                .execute() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
