package dev.parley.purge;

import dev.parley.store.Database;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Reclaims the data of deleted apps (recorded in {@code deleted_apps} by the deletion), a bounded batch per table at
 * a time. Each batch claims one deleted app with {@code FOR UPDATE SKIP LOCKED}, so several servers reclaim
 * different apps at once and no row is deleted twice; the app's row goes once a batch finds nothing left.
 */
public final class DeletedAppPurge implements PurgeJob {
    /**
     * Children before their parents: deleting a parent cascades to all its children at once, which no batch would
     * bound, so a parent's batch waits until its children are gone.
     */
    private static final List<AppTable> TABLES = List.of(
            new AppTable("messages", "app_id, conversation_id, id", List.of()),
            new AppTable("participants", "app_id, id", List.of()),
            new AppTable("devices", "app_id, id", List.of()),
            new AppTable("clients", "app_id, id", List.of()),
            new AppTable("events", "app_id, id", List.of()),
            new AppTable("webhook_deliveries", "app_id, webhook_id, event_id", List.of()),
            new AppTable("webhook_delivery_attempts", "app_id, webhook_id, event_id, attempt", List.of()),
            new AppTable("conversations", "app_id, id", List.of("messages", "participants")),
            new AppTable("users", "app_id, id", List.of("participants", "devices", "clients")),
            new AppTable("webhooks", "app_id, id", List.of()),
            new AppTable("switchboard_integrations", "app_id, id", List.of()),
            new AppTable("switchboards", "app_id, id", List.of()),
            new AppTable("integrations", "app_id, id", List.of()));

    private final Database database;
    private final Clock clock;
    private final Duration grace;
    private final int batchSize;

    /**
     * @param grace how long after its deletion an app's data is left alone: a request that found the app just before
     *              it was deleted may still be writing to it
     */
    public DeletedAppPurge(Database database, Clock clock, Duration grace, int batchSize) {
        this.database = database;
        this.clock = clock;
        this.grace = grace;
        this.batchSize = batchSize;
    }

    private record AppTable(String name, String key, List<String> children) {
    }

    @Override
    public String name() {
        return "data of deleted apps";
    }

    @Override
    public String id() {
        return "deleted-apps";
    }

    @Override
    public int runBatch() {
        return database.inTransaction(handle -> claim(handle).map(appId -> reclaim(handle, appId)).orElse(0));
    }

    private Optional<String> claim(Handle handle) {
        return handle.createQuery("SELECT app_id FROM deleted_apps WHERE deleted_at <= :before "
                        + "ORDER BY deleted_at, app_id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .bind("before", Timestamp.from(clock.instant().minus(grace)))
                .mapTo(String.class)
                .findOne();
    }

    /** One batch of each table of the app, under the claim; the app's row too once nothing of it is left. */
    private int reclaim(Handle handle, String appId) {
        Set<String> emptied = new HashSet<>();
        int deleted = 0;
        for (AppTable table : TABLES) {
            if (!emptied.containsAll(table.children())) {
                continue;
            }
            String delete = BoundedDelete.sql(database, table.name(), table.key(), "app_id = :appId",
                    BoundedDelete.Locked.WAIT);
            int rows = handle.createUpdate(delete)
                    .bind("appId", appId)
                    .bind("batch", batchSize)
                    .execute();
            deleted += rows;
            if (rows < batchSize) {
                emptied.add(table.name());
            }
        }
        if (emptied.size() == TABLES.size()) {
            deleted += handle.createUpdate("DELETE FROM deleted_apps WHERE app_id = :appId")
                    .bind("appId", appId)
                    .execute();
        }
        return deleted;
    }
}
