package dev.parley.conversations;

import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.store.CursorPages;
import dev.parley.store.CustomPlans;
import dev.parley.store.KeysetScan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** The SQL of an app's conversations. Other features call it from their own transactions. */
public final class ConversationStore {
    private static final String COLUMNS = "c.id, c.type, c.default_for_user, c.display_name, c.description, "
            + "c.icon_url, c.metadata, c.business_last_read, c.last_updated_at, c.created_at, c.last_sequence_id, "
            + "c.participant_count";
    /**
     * The columns with the user whose default conversation it is, for exports only: named in the other queries, the
     * column made the embedded database answer a user's conversations with none.
     */
    private static final String WITH_DEFAULT_FOR_USER = COLUMNS + ", c.default_for_user";
    /**
     * The conversation's switchboard integrations while its app's switchboard is enabled: the active one (the one it
     * names, or the default unless control was released) and the pending one. A name that is no longer there (its
     * switchboard integration deleted) shows none.
     */
    private static final String WITH_SWITCHBOARD = COLUMNS + ", sa.id AS active_id, sa.name AS active_name, "
            + "sa.integration_id AS active_integration_id, sp.id AS pending_id, sp.name AS pending_name, "
            + "sp.integration_id AS pending_integration_id";
    private static final String SWITCHBOARD_JOINS = " LEFT JOIN switchboards sb ON sb.app_id = c.app_id "
            + "AND sb.enabled = TRUE "
            + "LEFT JOIN switchboard_integrations sa ON sa.app_id = c.app_id AND sa.switchboard_id = sb.id "
            + "AND sa.id = COALESCE(c.switchboard_active_id, CASE WHEN c.switchboard_released THEN NULL "
            + "ELSE sb.default_switchboard_integration_id END) "
            + "LEFT JOIN switchboard_integrations sp ON sp.app_id = c.app_id AND sp.switchboard_id = sb.id "
            + "AND sp.id = c.switchboard_pending_id";
    private static final String ONE = "SELECT " + WITH_SWITCHBOARD + " FROM conversations c" + SWITCHBOARD_JOINS
            + " WHERE c.app_id = :appId AND c.id = :id";
    /** A page of an app's conversations less recently active than a place, the most recent first. */
    static final String LESS_RECENTLY_ACTIVE = "SELECT " + WITH_SWITCHBOARD + ", c.last_activity_at FROM conversations c"
            + SWITCHBOARD_JOINS + " WHERE c.app_id = :appId AND c.last_activity_at <= :at "
            + "AND (c.last_activity_at < :at OR c.id < :id) ORDER BY c.app_id, c.last_activity_at DESC, c.id DESC";
    /** A page of an app's conversations more recently active than a place, the least recent first. */
    static final String MORE_RECENTLY_ACTIVE = "SELECT " + WITH_SWITCHBOARD + ", c.last_activity_at FROM conversations c"
            + SWITCHBOARD_JOINS + " WHERE c.app_id = :appId AND c.last_activity_at >= :at "
            + "AND (c.last_activity_at > :at OR c.id > :id) ORDER BY c.app_id, c.last_activity_at, c.id";
    private static final String LOCK = "SELECT " + COLUMNS + " FROM conversations c WHERE c.app_id = :appId "
            + "AND c.id = :id FOR UPDATE";
    /** A switchboard integration names a custom integration; Parley links no other kind. */
    private static final String CUSTOM = "custom";
    private static final RowMapper<Conversation> LOCKED = (rs, ctx) -> conversation(rs, null, null);
    private static final RowMapper<Conversation> MAPPER = (rs, ctx) -> conversation(rs,
            reference(rs.getString("active_id"), rs.getString("active_name"), rs.getString("active_integration_id")),
            reference(rs.getString("pending_id"), rs.getString("pending_name"),
                    rs.getString("pending_integration_id")));

    private static Conversation conversation(ResultSet rs, SwitchboardIntegrationRef active,
                                             SwitchboardIntegrationRef pending) throws SQLException {
        return new Conversation(rs.getString("id"), rs.getString("type"), rs.getString("metadata"), active, pending,
                rs.getString("default_for_user") != null, rs.getString("display_name"), rs.getString("description"),
                rs.getString("icon_url"), Timestamps.format(rs.getTimestamp("business_last_read")),
                Timestamps.format(rs.getTimestamp("last_updated_at")), Timestamps.format(rs.getTimestamp("created_at")),
                rs.getString("last_sequence_id"), rs.getInt("participant_count"));
    }

    private static final RowMapper<Defaulted> DEFAULTED = (rs, ctx) -> new Defaulted(conversation(rs, null, null),
            rs.getString("default_for_user"));

    /**
     * A conversation without its switchboard state, with the user whose default conversation it is (or null), as
     * exports carry it.
     */
    record Defaulted(Conversation conversation, String defaultForUser) {
    }

    private static SwitchboardIntegrationRef reference(String id, String name, String integrationId) {
        return id == null ? null : new SwitchboardIntegrationRef(id, name, integrationId, CUSTOM);
    }

    public Optional<Conversation> find(Handle handle, String appId, String conversationId) {
        return handle.createQuery(ONE).bind("appId", appId).bind("id", conversationId).map(MAPPER).findOne();
    }

    /** Every conversation of the app, in id order, in pages (see {@link KeysetScan}). */
    void forEachDefaulted(Handle handle, String appId, Consumer<Defaulted> each) {
        KeysetScan.forEach(handle, "SELECT " + WITH_DEFAULT_FOR_USER + " FROM conversations c WHERE c.app_id = :appId",
                "c.id",
                "c.app_id", Map.of("appId", appId), DEFAULTED, defaulted -> defaulted.conversation().id(), each);
    }

    /** The id of every conversation of the app, in order, in pages (see {@link KeysetScan}). */
    public void forEachId(Handle handle, String appId, Consumer<String> each) {
        KeysetScan.forEach(handle, "SELECT id FROM conversations WHERE app_id = :appId", "id", "app_id",
                Map.of("appId", appId), (rs, ctx) -> rs.getString("id"), id -> id, each);
    }

    Optional<Defaulted> findDefaulted(Handle handle, String appId, String conversationId) {
        return handle.createQuery("SELECT " + WITH_DEFAULT_FOR_USER + " FROM conversations c WHERE c.app_id = :appId "
                        + "AND c.id = :id")
                .bind("appId", appId)
                .bind("id", conversationId)
                .map(DEFAULTED)
                .findOne();
    }

    /** The conversation, or 404 {@code conversation_not_found}. */
    public Conversation require(Handle handle, String appId, String conversationId) {
        return find(handle, appId, conversationId).orElseThrow(ConversationStore::notFound);
    }

    /**
     * The conversation, its row locked until the transaction ends (404 {@code conversation_not_found} when there
     * is none): writers of one conversation (messages, participants, activity) take their turns, and the ids they
     * take from {@link ConversationSequence} keep one order. Its switchboard integrations are not read: a change
     * that shows them reads the conversation again ({@link #require}) under the lock.
     */
    Conversation lockForWrite(Handle handle, String appId, String conversationId) {
        return handle.createQuery(LOCK).bind("appId", appId).bind("id", conversationId).map(LOCKED)
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
                        + "description, icon_url, metadata, business_last_read, last_updated_at, last_activity_at, "
                        + "last_sequence_id, participant_count, created_at) VALUES (:appId, :id, :type, :defaultForUser, "
                        + ":displayName, :description, :iconUrl, :metadata, :businessLastRead, :lastUpdatedAt, "
                        + ":lastUpdatedAt, :lastSequenceId, :participantCount, :createdAt)")
                .bind("appId", appId)
                .bind("id", conversation.id())
                .bind("type", conversation.type())
                .bind("defaultForUser", defaultForUser)
                .bind("displayName", conversation.displayName())
                .bind("description", conversation.description())
                .bind("iconUrl", conversation.iconUrl())
                .bind("metadata", conversation.metadata())
                .bind("businessLastRead", conversation.businessLastRead() == null ? null
                        : timestamp(conversation.businessLastRead()))
                .bind("lastUpdatedAt", timestamp(conversation.lastUpdatedAt()))
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
        return CursorPages.fetch(handle, "SELECT " + WITH_SWITCHBOARD + " FROM participants p JOIN conversations c "
                        + "ON c.app_id = p.app_id AND c.id = p.conversation_id" + SWITCHBOARD_JOINS
                        + " WHERE p.app_id = :appId AND p.user_id = :userId", "p.conversation_id",
                "p.app_id, p.user_id", Map.of("appId", appId, "userId", userId), MAPPER, request);
    }

    /**
     * Up to {@code limit} of the app's conversations on one side of a place in their order by activity: less
     * recently active, the most recent first, or more recently active, the least recent first. The first page is
     * read as the page after a place later than every conversation: the same query shape as the pages after it,
     * whose range on the activity time makes the embedded database read the page off
     * conversations_by_app_recent_activity (or, towards more recent ones, conversations_by_app_activity) instead of
     * sorting all the app's conversations.
     */
    List<ActiveConversation> listByActivity(Handle handle, String appId, ActivityCursor from, boolean moreRecent,
                                            int limit) {
        return handle.createQuery((moreRecent ? MORE_RECENTLY_ACTIVE : LESS_RECENTLY_ACTIVE) + " LIMIT " + limit)
                .addCustomizer(CustomPlans.INSTANCE)
                .bind("appId", appId)
                .bind("at", Timestamp.from(from.lastActivityAt()))
                .bind("id", from.conversationId())
                .map((rs, ctx) -> new ActiveConversation(MAPPER.map(rs, ctx),
                        rs.getTimestamp("last_activity_at").toInstant()))
                .list();
    }

    /** Whether the user has a default conversation in the app. */
    boolean hasDefault(Handle handle, String appId, String userId) {
        return handle.createQuery("SELECT 1 FROM conversations WHERE app_id = :appId AND default_for_user = :userId")
                .bind("appId", appId)
                .bind("userId", userId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
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

    /**
     * Sets the conversation's switchboard state, its row locked by the caller: the active switchboard integration
     * (null: the default, unless released), the pending one, and whether control was released.
     */
    public void setSwitchboardState(Handle handle, String appId, String conversationId, String activeId,
                                    String pendingId, boolean released) {
        handle.createUpdate("UPDATE conversations SET switchboard_active_id = :active, switchboard_pending_id = "
                        + ":pending, switchboard_released = :released WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", conversationId)
                .bind("active", activeId)
                .bind("pending", pendingId)
                .bind("released", released)
                .execute();
    }

    /**
     * A switchboard integration is going: the conversations it controls are left with none in control until their
     * next user message hands them to the default, and its offers are void.
     */
    public void dropSwitchboardIntegration(Handle handle, String appId, String switchboardIntegrationId) {
        handle.createUpdate("UPDATE conversations SET switchboard_active_id = NULL, switchboard_released = TRUE "
                        + "WHERE app_id = :appId AND switchboard_active_id = :id")
                .bind("appId", appId)
                .bind("id", switchboardIntegrationId)
                .execute();
        handle.createUpdate("UPDATE conversations SET switchboard_pending_id = NULL "
                        + "WHERE app_id = :appId AND switchboard_pending_id = :id")
                .bind("appId", appId)
                .bind("id", switchboardIntegrationId)
                .execute();
    }

    /** The app's switchboard is going: its conversations forget their switchboard state. */
    public void clearSwitchboardStates(Handle handle, String appId) {
        handle.createUpdate("UPDATE conversations SET switchboard_active_id = NULL, switchboard_pending_id = NULL, "
                        + "switchboard_released = FALSE WHERE app_id = :appId AND (switchboard_active_id IS NOT NULL "
                        + "OR switchboard_pending_id IS NOT NULL OR switchboard_released = TRUE)")
                .bind("appId", appId)
                .execute();
    }

    public static ApiException notFound() {
        return new ApiException(404, "conversation_not_found", "Conversation not found");
    }


    private static Timestamp timestamp(String formatted) {
        return Timestamp.from(Instant.parse(formatted));
    }
}
