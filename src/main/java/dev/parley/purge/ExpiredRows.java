package dev.parley.purge;

import dev.parley.store.Database;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Deletes the rows of a table older than a maximum age, found through the table's index on its age column; several
 * servers may delete at once, each its own rows ({@link BoundedDelete}).
 */
public final class ExpiredRows implements PurgeJob {
    private final String name;
    private final String id;
    private final Database database;
    private final Clock clock;
    private final Duration maxAge;
    private final String delete;
    private final int batchSize;

    /**
     * @param id        the job's short name ({@link PurgeJob#id})
     * @param key       the table's primary key columns, separated by commas
     * @param ageColumn the column whose time the age counts from
     */
    public ExpiredRows(String name, String id, Database database, Clock clock, String table, String key,
                       String ageColumn, Duration maxAge, int batchSize) {
        this.name = name;
        this.id = id;
        this.database = database;
        this.clock = clock;
        this.maxAge = maxAge;
        this.batchSize = batchSize;
        this.delete = BoundedDelete.sql(database, table, key, ageColumn + " < :cutoff",
                BoundedDelete.Locked.SKIP);
    }

    /** The app's events older than the event retention. */
    public static ExpiredRows events(Database database, Clock clock, Duration retention, int batchSize) {
        return new ExpiredRows("expired events", "expired-events", database, clock, "events", "app_id, id",
                "created_at", retention, batchSize);
    }

    /**
     * Webhook deliveries, and their attempts, are kept as long as the events they deliver: a delivery still pending
     * then has nothing left to send.
     */
    public static List<ExpiredRows> webhookDeliveries(Database database, Clock clock, Duration retention,
                                                      int batchSize) {
        return List.of(
                new ExpiredRows("expired webhook deliveries", "expired-webhook-deliveries", database, clock,
                        "webhook_deliveries", "app_id, webhook_id, event_id", "created_at", retention, batchSize),
                new ExpiredRows("expired webhook delivery attempts",
                        "expired-webhook-delivery-attempts", database, clock, "webhook_delivery_attempts",
                        "app_id, webhook_id, event_id, attempt", "attempted_at", retention, batchSize));
    }

    /** Idempotency keys are remembered for 24 hours. */
    public static ExpiredRows idempotencyKeys(Database database, Clock clock, int batchSize) {
        return new ExpiredRows("expired idempotency keys", "expired-idempotency-keys", database, clock,
                "idempotency_keys", "account_id, route, idempotency_key", "created_at", Duration.ofHours(24),
                batchSize);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int runBatch() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(maxAge));
        return database.inTransaction(handle -> handle.createUpdate(delete)
                .bind("cutoff", cutoff)
                .bind("batch", batchSize)
                .execute());
    }
}
