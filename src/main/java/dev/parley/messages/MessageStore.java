package dev.parley.messages;

import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.store.CursorPages;
import dev.parley.store.KeysetScan;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The SQL of a conversation's messages, keyed (app_id, conversation_id, id): every page is one range scan of the
 * primary key, however many messages the conversation holds.
 */
public final class MessageStore {
    private static final String SELECT = "SELECT id, received, author, content, source, metadata FROM messages "
            + "WHERE app_id = :appId AND conversation_id = :conversationId";
    private static final String FIXED_COLUMNS = "app_id, conversation_id";
    private static final RowMapper<Message> MAPPER = (rs, ctx) -> new Message(rs.getString("id"),
            Timestamps.format(rs.getTimestamp("received").toInstant()), rs.getString("author"),
            rs.getString("content"), rs.getString("source"), rs.getString("metadata"));

    void insert(Handle handle, String appId, String conversationId, Message message, Instant received) {
        handle.createUpdate("INSERT INTO messages (app_id, conversation_id, id, received, author, content, source, "
                        + "metadata) VALUES (:appId, :conversationId, :id, :received, :author, :content, :source, "
                        + ":metadata)")
                .bind("appId", appId)
                .bind("conversationId", conversationId)
                .bind("id", message.id())
                .bind("received", Timestamps.column(received))
                .bind("author", message.author())
                .bind("content", message.content())
                .bind("source", message.source())
                .bind("metadata", message.metadata())
                .execute();
    }

    /** Every message of the conversation, in id order, in pages (see {@link KeysetScan}). */
    void forEachOf(Handle handle, String appId, String conversationId, Consumer<Message> each) {
        KeysetScan.forEach(handle, SELECT, "id", FIXED_COLUMNS, Map.of("appId", appId, "conversationId",
                conversationId), MAPPER, Message::id, each);
    }

    Optional<Message> find(Handle handle, String appId, String conversationId, String messageId) {
        return handle.createQuery(SELECT + " AND id = :id")
                .bind("appId", appId)
                .bind("conversationId", conversationId)
                .bind("id", messageId)
                .map(MAPPER)
                .findOne();
    }

    /** A page of the conversation's messages, oldest first within it (see {@link MessagePages}). */
    Page<Message> page(Handle handle, String appId, String conversationId, PageRequest request) {
        return CursorPages.fetch(handle, SELECT, "id", FIXED_COLUMNS,
                Map.of("appId", appId, "conversationId", conversationId), MAPPER, request);
    }

    /** The page query {@link #page} runs; it binds :appId, :conversationId and :cursor. */
    static String pageSql(PageRequest request) {
        return CursorPages.pageSql(SELECT, "id", FIXED_COLUMNS, request);
    }

    /** Deletes one message; answers whether it was there. */
    boolean delete(Handle handle, String appId, String conversationId, String messageId) {
        return handle.createUpdate("DELETE FROM messages WHERE app_id = :appId AND conversation_id = :conversationId "
                        + "AND id = :id")
                .bind("appId", appId)
                .bind("conversationId", conversationId)
                .bind("id", messageId)
                .execute() > 0;
    }

    /** Deletes every message of the conversation, which stays with its participants. */
    public void deleteAll(Handle handle, String appId, String conversationId) {
        handle.createUpdate("DELETE FROM messages WHERE app_id = :appId AND conversation_id = :conversationId")
                .bind("appId", appId)
                .bind("conversationId", conversationId)
                .execute();
    }
}
