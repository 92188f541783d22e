package dev.parley.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/** The idempotency_keys table: one row per account, route and key, with the first answer once it is known. */
public final class IdempotencyKeyStore {
    private static final String THE_KEY =
            " WHERE account_id = :accountId AND route = :route AND idempotency_key = :key";
    // PostgreSQL waits for a lock forever by default; the embedded database gives up after 2 seconds (H2's default).
    private static final String WAIT_AT_MOST = "SET LOCAL lock_timeout = '2s'";
    private static final String WAIT_AS_BEFORE = "SET LOCAL lock_timeout TO DEFAULT";

    private final boolean postgres;

    public IdempotencyKeyStore(boolean postgres) {
        this.postgres = postgres;
    }

    /** Forgets the key if it was first used before the cutoff, so that it can be used again. */
    void forgetUsedBefore(Handle handle, RequestKey key, Instant cutoff) {
        bind(handle.createUpdate("DELETE FROM idempotency_keys" + THE_KEY + " AND created_at < :cutoff"), key)
                .bind("cutoff", Timestamp.from(cutoff))
                .execute();
    }

    /**
     * Takes the key for this request, or answers false when another request has it. While that other request's
     * transaction is open, this waits for its end, for at most 2 seconds (then the database refuses the statement).
     */
    boolean claim(Handle handle, RequestKey key, String requestDigest, Instant now) {
        if (postgres) {
            handle.execute(WAIT_AT_MOST);
        }
        boolean claimed = bind(handle.createUpdate("INSERT INTO idempotency_keys "
                        + "(account_id, route, idempotency_key, body_digest, created_at) "
                        + "VALUES (:accountId, :route, :key, :digest, :createdAt) ON CONFLICT DO NOTHING"), key)
                .bind("digest", requestDigest)
                .bind("createdAt", Timestamp.from(now))
                .execute() == 1;
        if (postgres) {
            handle.execute(WAIT_AS_BEFORE);
        }
        return claimed;
    }

    /** The first answer, once the request that claimed the key has committed. */
    Optional<FirstAnswer> find(Handle handle, RequestKey key) {
        return bind(handle.createQuery("SELECT body_digest, status, answer FROM idempotency_keys" + THE_KEY
                        + " AND status IS NOT NULL"), key)
                .map((rs, ctx) -> new FirstAnswer(rs.getString("body_digest"), rs.getInt("status"),
                        rs.getString("answer")))
                .findOne();
    }

    void remember(Handle handle, RequestKey key, int status, String answer) {
        bind(handle.createUpdate("UPDATE idempotency_keys SET status = :status, answer = :answer" + THE_KEY), key)
                .bind("status", status)
                .bind("answer", answer)
                .execute();
    }

    /** Deletes the keys first used before the cutoff (for the background purge); answers how many. */
    public int deleteOlderThan(Handle handle, Instant cutoff) {
        return handle.createUpdate("DELETE FROM idempotency_keys WHERE created_at < :cutoff")
                .bind("cutoff", Timestamp.from(cutoff))
                .execute();
    }

    private static <S extends SqlStatement<S>> S bind(S statement, RequestKey key) {
        return statement.bind("accountId", key.accountId())
                .bind("route", key.route())
                .bind("key", key.key());
    }
}
