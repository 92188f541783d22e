package dev.parley.conversations;

import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.store.CursorPages;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** The SQL of an app's conversations. Other features call it from their own transactions. */
public final class ConversationStore {
    private static final String COLUMNS = "c.id, c.type, c.default_for_user, c.display_name, c.description, "
            + "c.icon_url, c.metadata, c.business_last_read, c.last_updated_at, c.created_at, c.last_sequence_id, "
            + "c.participant_count";
    private static final String ONE = "SELECT " + COLUMNS + " FROM conversations c WHERE c.app_id = :appId "
            + "AND c.id = :id";
    private static final RowMapper<Conversation> MAPPER = (rs, ctx) -> new Conversation(rs.getString("id"),
            rs.getString("type"), rs.getString("metadata"), rs.getString("default_for_user") != null,
            rs.getString("display_name"), rs.getString("description"), rs.getString("icon_url"),
            Timestamps.format(rs.getTimestamp("business_last_read")),
            Timestamps.format(rs.getTimestamp("last_updated_at")), Timestamps.format(rs.getTimestamp("created_at")),
            rs.getString("last_sequence_id"), rs.getInt("participant_count"));

    public Optional<Conversation> find(Handle handle, String appId, String conversationId) {
        return handle.createQuery(ONE).bind("appId", appId).bind("id", conversationId).map(MAPPER).findOne();
    }

    /** The conversation, or 404 {@code conversation_not_found}. */
    public Conversation require(Handle handle, String appId, String conversationId) {
        return find(handle, appId, conversationId).orElseThrow(ConversationStore::notFound);
    }

    /**
     * The conversation, its row locked until the transaction ends (404 {@code conversation_not_found} when there
     * is none): writers of one conversation (messages, participants, activity) take their turns, and the ids they
     * take from {@link ConversationSequence} keep one order.
     */
    Conversation lockForWrite(Handle handle, String appId, String conversationId) {
        return handle.createQuery(ONE + " FOR UPDATE").bind("appId", appId).bind("id", conversationId).map(MAPPER)
                .findOne()
                .orElseThrow(ConversationStore::notFound);
    }

    /**
     * Inserts the conversation.
     *
     * @param defaultForUser the user whose default conversation this is, or null
     */
    void insert(Handle handle, String appId, Conversation conversation, String defaultForUser) {
        handle.createUpdate("INSERT INTO conversations (app_id, id, type, default_for_user, display_name, "
                        + "description, icon_url, metadata, last_updated_at, last_activity_at, last_sequence_id, "
                        + "participant_count, created_at) VALUES (:appId, :id, :type, :defaultForUser, :displayName, "
                        + ":description, :iconUrl, :metadata, :createdAt, :createdAt, :lastSequenceId, "
                        + ":participantCount, :createdAt)")
                .bind("appId", appId)
                .bind("id", conversation.id())
                .bind("type", conversation.type())
                .bind("defaultForUser", defaultForUser)
                .bind("displayName", conversation.displayName())
                .bind("description", conversation.description())
                .bind("iconUrl", conversation.iconUrl())
                .bind("metadata", conversation.metadata())
                .bind("createdAt", timestamp(conversation.createdAt()))
                .bind("lastSequenceId", conversation.lastSequenceId())
                .bind("participantCount", conversation.participantCount())
                .execute();
    }

    void updateDetails(Handle handle, String appId, Conversation conversation) {
        handle.createUpdate("UPDATE conversations SET display_name = :displayName, description = :description, "
                        + "icon_url = :iconUrl, metadata = :metadata, last_updated_at = :lastUpdatedAt, "
                        + "last_activity_at = :lastUpdatedAt WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", conversation.id())
                .bind("displayName", conversation.displayName())
                .bind("description", conversation.description())
                .bind("iconUrl", conversation.iconUrl())
                .bind("metadata", conversation.metadata())
                .bind("lastUpdatedAt", timestamp(conversation.lastUpdatedAt()))
                .execute();
    }

    /** Stores a change's last sequence id and the times it moves ({@link ConversationSequence.Change#save}). */
    void saveChange(Handle handle, String appId, String conversationId, String lastSequenceId, ConversationTimes times,
                    Instant now) {
        Update update = handle.createUpdate("UPDATE conversations SET last_sequence_id = :last" + times.assignments
                        + " WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", conversationId)
                .bind("last", lastSequenceId);
        if (times != ConversationTimes.NONE) {
            update.bind("now", Timestamp.from(now));
        }
        update.execute();
    }

    /** Deletes the conversation; its participants and messages go with it (foreign keys). */
    void delete(Handle handle, String appId, String conversationId) {
        handle.createUpdate("DELETE FROM conversations WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", conversationId)
                .execute();
    }

    /** The conversations the user takes part in, oldest first. */
    Page<Conversation> listOfUser(Handle handle, String appId, String userId, PageRequest request) {
        return CursorPages.fetch(handle, "SELECT " + COLUMNS + " FROM participants p JOIN conversations c "
                        + "ON c.app_id = p.app_id AND c.id = p.conversation_id "
                        + "WHERE p.app_id = :appId AND p.user_id = :userId", "p.conversation_id",
                "p.app_id, p.user_id", Map.of("appId", appId, "userId", userId), MAPPER, request);
    }

    /** Whether the user takes part in a personal conversation of the app. */
    boolean hasPersonal(Handle handle, String appId, String userId) {
        return handle.createQuery("SELECT 1 FROM participants p JOIN conversations c ON c.app_id = p.app_id "
                        + "AND c.id = p.conversation_id WHERE p.app_id = :appId AND p.user_id = :userId "
                        + "AND c.type = :personal LIMIT 1")
                .bind("appId", appId)
                .bind("userId", userId)
                .bind("personal", Conversation.PERSONAL)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    /**
     * Deletes the user's personal conversations (their messages go with them), and gives back the user's places in
     * its group conversations, before the user's participations go with the user's row.
     */
    public void removeOfUser(Handle handle, String appId, String userId) {
        handle.createUpdate("DELETE FROM conversations WHERE app_id = :appId AND type = :personal AND id IN "
                        + "(SELECT conversation_id FROM participants WHERE app_id = :appId AND user_id = :userId)")
                .bind("appId", appId)
                .bind("userId", userId)
                .bind("personal", Conversation.PERSONAL)
                .execute();
        handle.createUpdate("UPDATE conversations SET participant_count = participant_count - 1 "
                        + "WHERE app_id = :appId AND participant_count > 0 AND id IN "
                        + "(SELECT conversation_id FROM participants WHERE app_id = :appId AND user_id = :userId)")
                .bind("appId", appId)
                .bind("userId", userId)
                .execute();
    }

    public static ApiException notFound() {
        return new ApiException(404, "conversation_not_found", "Conversation not found");
    }


    private static Timestamp timestamp(String formatted) {
        return Timestamp.from(Instant.parse(formatted));
    }
}
