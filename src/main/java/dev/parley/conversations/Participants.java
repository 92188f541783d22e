package dev.parley.conversations;

import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.store.CursorPages;
import dev.parley.store.KeysetScan;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The SQL of conversations' participants. Other features call it from their own transactions. */
public final class Participants {
    private static final String OF_APP = "SELECT p.id, p.conversation_id, p.user_id, u.external_id, "
            + "p.unread_count, p.last_read FROM participants p "
            + "JOIN users u ON u.app_id = p.app_id AND u.id = p.user_id "
            + "WHERE p.app_id = :appId";
    private static final String SELECT = OF_APP + " AND p.conversation_id = :conversationId";
    private static final RowMapper<Participant> MAPPER = (rs, ctx) -> {
        Timestamp lastRead = rs.getTimestamp("last_read");
        return new Participant(rs.getString("id"), rs.getString("conversation_id"), rs.getString("user_id"),
                rs.getString("external_id"), rs.getInt("unread_count"),
                lastRead == null ? null : Timestamps.format(lastRead.toInstant()));
    };

    public Optional<Participant> findByUserId(Handle handle, String appId, String conversationId, String userId) {
        return findBy(handle, appId, conversationId, "p.user_id", userId);
    }

    public Optional<Participant> findByUserExternalId(Handle handle, String appId, String conversationId,
                                                      String userExternalId) {
        return findBy(handle, appId, conversationId, "u.external_id", userExternalId);
    }

    public Optional<Participant> findById(Handle handle, String appId, String conversationId, String participantId) {
        return findBy(handle, appId, conversationId, "p.id", participantId);
    }

    private static Optional<Participant> findBy(Handle handle, String appId, String conversationId, String column,
                                                String value) {
        return handle.createQuery(SELECT + " AND " + column + " = :value")
                .bind("appId", appId)
                .bind("conversationId", conversationId)
                .bind("value", value)
                .map(MAPPER)
                .findOne();
    }

    /** A new message: one more unread for every participant but its author (null for a business author). */
    public void addUnread(Handle handle, String appId, String conversationId, String authorUserId) {
        handle.createUpdate("UPDATE participants SET unread_count = unread_count + 1 WHERE app_id = :appId "
                        + "AND conversation_id = :conversationId AND (CAST(:author AS VARCHAR) IS NULL "
                        + "OR user_id <> :author)")
                .bind("appId", appId)
                .bind("conversationId", conversationId)
                .bind("author", authorUserId)
                .execute();
    }

    /** The user read the conversation (conversation:read): nothing left unread. */
    public void markRead(Handle handle, String appId, String conversationId, String userId, Instant now) {
        handle.createUpdate("UPDATE participants SET unread_count = 0, last_read = :now WHERE app_id = :appId "
                        + "AND conversation_id = :conversationId AND user_id = :userId")
                .bind("appId", appId)
                .bind("conversationId", conversationId)
                .bind("userId", userId)
                .bind("now", Timestamp.from(now))
                .execute();
    }

    void insert(Handle handle, String appId, String conversationId, String participantId, String userId) {
        handle.createUpdate("INSERT INTO participants (app_id, id, conversation_id, user_id) "
                        + "VALUES (:appId, :id, :conversationId, :userId)")
                .bind("appId", appId)
                .bind("id", participantId)
                .bind("conversationId", conversationId)
                .bind("userId", userId)
                .execute();
    }

    /** Inserts a participant as an import gives it: its id, unread count and last read kept. */
    void insert(Handle handle, String appId, Participant participant) {
        handle.createUpdate("INSERT INTO participants (app_id, id, conversation_id, user_id, unread_count, last_read) "
                        + "VALUES (:appId, :id, :conversationId, :userId, :unreadCount, :lastRead)")
                .bind("appId", appId)
                .bind("id", participant.id())
                .bind("conversationId", participant.conversationId())
                .bind("userId", participant.userId())
                .bind("unreadCount", participant.unreadCount())
                .bind("lastRead", participant.lastRead() == null ? null
                        : Timestamp.from(Instant.parse(participant.lastRead())))
                .execute();
    }

    /** Every participant of the app's conversations, in id order, in pages (see {@link KeysetScan}). */
    void forEachOfApp(Handle handle, String appId, Consumer<Participant> each) {
        KeysetScan.forEach(handle, OF_APP, "p.id", "p.app_id", Map.of("appId", appId), MAPPER, Participant::id, each);
    }

    /** The app's participant of that id, in whichever conversation. */
    Optional<Participant> findInApp(Handle handle, String appId, String participantId) {
        return handle.createQuery(OF_APP + " AND p.id = :id")
                .bind("appId", appId)
                .bind("id", participantId)
                .map(MAPPER)
                .findOne();
    }

    void delete(Handle handle, String appId, String participantId) {
        handle.createUpdate("DELETE FROM participants WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", participantId)
                .execute();
    }

    /** The conversation's participants, in the order they joined. */
    Page<Participant> list(Handle handle, String appId, String conversationId, PageRequest request) {
        return CursorPages.fetch(handle, SELECT, "p.id", "p.app_id, p.conversation_id",
                Map.of("appId", appId, "conversationId", conversationId), MAPPER, request);
    }
}
