package dev.parley.purge;

import dev.parley.apps.AppStore;
import dev.parley.store.Database;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Deletes the messages of conversations left without activity for longer than their app's
 * {@code conversationRetentionSeconds}; the conversations and their participants stay. Each batch locks the
 * conversations it empties ({@code FOR UPDATE SKIP LOCKED}): a message written meanwhile waits for the batch, and
 * then finds its conversation active again, and another server takes other conversations.
 */
public final class MessageRetention implements PurgeJob {
    /** Conversations locked by one batch, at most. */
    private static final int CONVERSATIONS_PER_BATCH = 100;

    private final Database database;
    private final AppStore apps;
    private final Clock clock;
    private final int batchSize;

    public MessageRetention(Database database, AppStore apps, Clock clock, int batchSize) {
        this.database = database;
        this.apps = apps;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "messages past their app's retention";
    }

    @Override
    public String id() {
        return "retention";
    }

    /** A conversation by its place in the walk: inactive the longest first. */
    private record Place(Timestamp lastActivityAt, String id) {
    }

    /**
     * Per app, the place after the conversations this run has emptied already, so that each batch goes on from there
     * instead of walking past them again; forgotten when a batch finds nothing, so the next run starts over.
     */
    private final Map<String, Place> emptiedUpTo = new HashMap<>();

    @Override
    public int runBatch() {
        int deleted = database.inTransaction(handle -> {
            for (Map.Entry<String, Duration> app : apps.conversationRetention(handle).entrySet()) {
                String appId = app.getKey();
                List<Place> inactive = lockInactive(handle, appId, clock.instant().minus(app.getValue()),
                        emptiedUpTo.get(appId));
                if (!inactive.isEmpty()) {
                    int rows = deleteMessages(handle, appId, inactive.stream().map(Place::id).toList());
                    if (rows < batchSize) {
                        emptiedUpTo.put(appId, inactive.get(inactive.size() - 1));
                    }
                    return rows;
                }
            }
            return 0;
        });
        if (deleted == 0) {
            emptiedUpTo.clear();
        }
        return deleted;
    }

    private static List<Place> lockInactive(Handle handle, String appId, Instant cutoff, Place after) {
        String afterPlace = after == null ? "" : "AND (c.last_activity_at > :afterAt "
                + "OR (c.last_activity_at = :afterAt AND c.id > :afterId)) ";
        Query query = handle.createQuery("SELECT c.id, c.last_activity_at FROM conversations c "
                        + "WHERE c.app_id = :appId AND c.last_activity_at < :cutoff " + afterPlace
                        + "AND EXISTS (SELECT 1 FROM messages m "
                        + "WHERE m.app_id = c.app_id AND m.conversation_id = c.id) "
                        + "ORDER BY c.last_activity_at, c.id LIMIT :conversations FOR UPDATE SKIP LOCKED")
                .bind("appId", appId)
                .bind("cutoff", Timestamp.from(cutoff))
                .bind("conversations", CONVERSATIONS_PER_BATCH);
        if (after != null) {
            query.bind("afterAt", after.lastActivityAt()).bind("afterId", after.id());
        }
        return query.map((rs, ctx) -> new Place(rs.getTimestamp("last_activity_at"), rs.getString("id"))).list();
    }

    private int deleteMessages(Handle handle, String appId, List<String> conversationIds) {
        return handle.createUpdate(BoundedDelete.sql(database, "messages", "app_id, conversation_id, id",
                        "app_id = :appId AND conversation_id IN (<conversationIds>)", BoundedDelete.Locked.WAIT))
                .bind("appId", appId)
                .bindList("conversationIds", conversationIds)
                .bind("batch", batchSize)
                .execute();
    }
}
