package dev.parley.dashboard;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The dashboard_sessions table, keyed by the SHA-256 of the cookie token; the token itself is never stored. */
public final class SessionStore {

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
                .map((rs, ctx) -> new DashboardSession(rs.getString("owner_id"), rs.getString("account_id"),
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

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
