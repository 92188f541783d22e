package dev.parley.attachments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The SQL of attachments. An attachment exists while what it belongs to does: its app, the conversation it was
 * uploaded for, and the message that named it; deleting any of those (however it happens: a request, a user's
 * deletion, the retention purge) ends it at once, and {@link AttachmentPurge} reclaims its row and bytes later.
 */
final class AttachmentStore {
    /** Whether the attachment {@code a} still belongs to something that exists. */
    private static final String ALIVE = "EXISTS (SELECT 1 FROM apps p WHERE p.id = a.app_id) "
            + "AND (a.conversation_id IS NULL OR EXISTS (SELECT 1 FROM conversations c "
            + "WHERE c.app_id = a.app_id AND c.id = a.conversation_id)) "
            + "AND (a.message_id IS NULL OR EXISTS (SELECT 1 FROM messages m "
            + "WHERE m.app_id = a.app_id AND m.conversation_id = a.conversation_id AND m.id = a.message_id))";
    private static final String COLUMNS = "a.app_id, a.id, a.token, a.file_name, a.media_type, a.size_bytes, "
            + "a.conversation_id";
    private static final RowMapper<Attachment> MAPPER = (rs, ctx) -> new Attachment(rs.getString("app_id"),
            rs.getString("id"), rs.getString("token"), rs.getString("file_name"), rs.getString("media_type"),
            rs.getLong("size_bytes"), rs.getString("conversation_id"));

    /** An attachment to reclaim. */
    record Dead(String appId, String id) {
    }

    void insert(Handle handle, Attachment attachment, Instant now) {
        handle.createUpdate("INSERT INTO attachments (app_id, id, token, file_name, media_type, size_bytes, "
                        + "conversation_id, created_at) VALUES (:appId, :id, :token, :fileName, :mediaType, :size, "
                        + ":conversationId, :now)")
                .bindMethods(attachment)
                .bind("now", Timestamp.from(now))
                .execute();
    }

    /** The app's attachment of that token, while it exists. */
    Optional<Attachment> find(Handle handle, String appId, String token) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM attachments a WHERE a.app_id = :appId "
                        + "AND a.token = :token AND " + ALIVE)
                .bind("appId", appId)
                .bind("token", token)
                .map(MAPPER)
                .findOne();
    }

    /**
     * The app's attachment of that token, while it exists; one uploaded for this conversation and not yet named by
     * a message is tied to this one.
     */
    Optional<Attachment> attachToMessage(Handle handle, String appId, String conversationId, String token,
                                         String messageId) {
        Optional<Attachment> found = find(handle, appId, token);
        found.filter(attachment -> conversationId.equals(attachment.conversationId())).ifPresent(attachment ->
                handle.createUpdate("UPDATE attachments SET message_id = :messageId WHERE app_id = :appId "
                                + "AND id = :id AND message_id IS NULL")
                        .bind("appId", appId)
                        .bind("id", attachment.id())
                        .bind("messageId", messageId)
                        .execute());
        return found;
    }

    /** Deletes the row; the caller deletes its bytes. */
    void delete(Handle handle, String appId, String id) {
        handle.createUpdate("DELETE FROM attachments WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", id)
                .execute();
    }

    /**
     * Locks up to {@code limit} attachments whose app, conversation or message is gone; another server's batch
     * takes others ({@code SKIP LOCKED}).
     */
    List<Dead> lockDead(Handle handle, int limit) {
        return handle.createQuery("SELECT a.app_id, a.id FROM attachments a WHERE NOT (" + ALIVE + ") "
                        + "LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("limit", limit)
                .map((rs, ctx) -> new Dead(rs.getString("app_id"), rs.getString("id")))
                .list();
    }
}
