package dev.parley.users;

import dev.parley.api.ApiException;
import dev.parley.api.Timestamps;
import dev.parley.crypto.IdGenerator;
import dev.parley.store.KeysetScan;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The SQL of an app's users. */
public final class UserStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, external_id, signed_up_at, to_be_retained, profile, metadata";
    private static final RowMapper<User> MAPPER = (rs, ctx) -> new User(rs.getString("id"),
            rs.getString("external_id"), Timestamps.format(rs.getTimestamp("signed_up_at")),
            rs.getBoolean("to_be_retained"), rs.getString("profile"), rs.getString("metadata"));
    private static final RowMapper<Created> CREATED = (rs, ctx) -> new Created(MAPPER.map(rs, ctx),
            Timestamps.format(rs.getTimestamp("created_at")));

    /** A user with the time it was created, as exports carry it. */
    public record Created(User user, String createdAt) {
    }

    /**
     * The user with that id or, failing that, that external id; 404 {@code user_not_found} otherwise. With
     * {@code lock}, the user's row stays locked until the transaction ends, so changes to one user apply in turn.
     */
    public User require(Handle handle, String appId, String userIdOrExternalId, boolean lock) {
        return find(handle, appId, userIdOrExternalId, lock).orElseThrow(UserStore::notFound);
    }

    public Optional<User> find(Handle handle, String appId, String userIdOrExternalId, boolean lock) {
        Optional<User> byId = IdGenerator.isId(userIdOrExternalId)
                ? findBy(handle, appId, "id", userIdOrExternalId, lock) : Optional.empty();
        return byId.isPresent() ? byId : findByExternalId(handle, appId, userIdOrExternalId, lock);
    }

    public Optional<User> findById(Handle handle, String appId, String userId, boolean lock) {
        return findBy(handle, appId, "id", userId, lock);
    }

    public Optional<User> findByExternalId(Handle handle, String appId, String externalId, boolean lock) {
        return findBy(handle, appId, "external_id", externalId, lock);
    }

    private static Optional<User> findBy(Handle handle, String appId, String column, String value, boolean lock) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE app_id = :appId AND " + column
                        + " = :value" + (lock ? " FOR UPDATE" : ""))
                .bind("appId", appId)
                .bind("value", value)
                .map(MAPPER)
                .findOne();
    }

    /** Every user of the app with its creation time, in id order, in pages (see {@link KeysetScan}). */
    void forEachCreated(Handle handle, String appId, Consumer<Created> each) {
        KeysetScan.forEach(handle, "SELECT " + COLUMNS + ", created_at FROM users WHERE app_id = :appId", "id",
                "app_id", Map.of("appId", appId), CREATED, created -> created.user().id(), each);
    }

    Optional<Created> findCreated(Handle handle, String appId, String userId) {
        return handle.createQuery("SELECT " + COLUMNS + ", created_at FROM users WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", userId)
                .map(CREATED)
                .findOne();
    }

    /** Inserts the user; an external id the app's users already have is a 409, also when the other is concurrent. */
    public void insert(Handle handle, String appId, User user, Instant now) {
        try {
            handle.createUpdate("INSERT INTO users (app_id, " + COLUMNS + ", created_at) VALUES (:appId, :id, "
                            + ":externalId, :signedUpAt, :toBeRetained, :profile, :metadata, :createdAt)")
                    .bind("appId", appId)
                    .bind("id", user.id())
                    .bind("externalId", user.externalId())
                    .bind("signedUpAt", timestamp(user.signedUpAt()))
                    .bind("toBeRetained", user.toBeRetained())
                    .bind("profile", user.profile())
                    .bind("metadata", user.metadata())
                    .bind("createdAt", Timestamp.from(now))
                    .execute();
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw ApiException.conflict("User already exists");
            }
            throw e;
        }
    }

    public void update(Handle handle, String appId, User user) {
        handle.createUpdate("UPDATE users SET signed_up_at = :signedUpAt, to_be_retained = :toBeRetained, "
                        + "profile = :profile, metadata = :metadata WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", user.id())
                .bind("signedUpAt", timestamp(user.signedUpAt()))
                .bind("toBeRetained", user.toBeRetained())
                .bind("profile", user.profile())
                .bind("metadata", user.metadata())
                .execute();
    }

    /** Deletes the user; its clients, devices and participations go with it (foreign keys). */
    public void delete(Handle handle, String appId, String userId) {
        handle.createUpdate("DELETE FROM users WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", userId)
                .execute();
    }

    public static ApiException notFound() {
        return new ApiException(404, "user_not_found", "User not found");
    }


    private static Timestamp timestamp(String formatted) {
        return formatted == null ? null : Timestamp.from(Instant.parse(formatted));
    }
}
