package dev.parley.purge;

import dev.parley.apps.AppStore;
import dev.parley.store.Database;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

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
    public int runBatch() {
        return database.inTransaction(handle -> {
            for (Map.Entry<String, Duration> app : apps.conversationRetention(handle).entrySet()) {
                List<String> inactive = lockInactive(handle, app.getKey(), clock.instant().minus(app.getValue()));
                if (!inactive.isEmpty()) {
                    return deleteMessages(handle, app.getKey(), inactive);
                }
            }
            return 0;
        });
    }

    private static List<String> lockInactive(Handle handle, String appId, Instant cutoff) {
        return handle.createQuery("SELECT c.id FROM conversations c WHERE c.app_id = :appId "
                        + "AND c.last_activity_at < :cutoff AND EXISTS (SELECT 1 FROM messages m "
                        + "WHERE m.app_id = c.app_id AND m.conversation_id = c.id) "
                        + "ORDER BY c.last_activity_at LIMIT :conversations FOR UPDATE SKIP LOCKED")
                .bind("appId", appId)
                .bind("cutoff", Timestamp.from(cutoff))
                .bind("conversations", CONVERSATIONS_PER_BATCH)
                .mapTo(String.class)
                .list();
    }

    private int deleteMessages(Handle handle, String appId, List<String> conversationIds) {
        return handle.createUpdate(BoundedDelete.sql(database, "messages", "app_id, conversation_id, id",
                        "app_id = :appId AND conversation_id IN (<conversationIds>)"))
                .bind("appId", appId)
                .bindList("conversationIds", conversationIds)
                .bind("batch", batchSize)
                .execute();
    }
}
