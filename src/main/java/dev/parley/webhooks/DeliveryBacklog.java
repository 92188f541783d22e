package dev.parley.webhooks;

import dev.parley.store.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the dispatchers keep up, as the database sees it (so every server sharing it reports the same): deliveries
 * due now, those due for longer than {@link #OVERDUE}, and the age of the oldest due one, for {@code /metrics}; and
 * for {@code /health}, {@code behind} once that age passes the operator's limit. Only work that no server has taken
 * counts: a delivery in flight is not due (its lease moved its due time ahead), nor one waiting behind an earlier one
 * of its conversation (no due time), nor one whose webhook was deleted (it is kept until its event expires, and would
 * otherwise look overdue forever).
 * <p>
 * Read at most once per {@link #FRESH_FOR}, in one query whose three parts each walk the dispatchers' index on
 * (status, next attempt) from its start, and whose counts stop at {@link #COUNT_LIMIT}: a scrape or a health probe
 * costs the same with a backlog of millions. Measured on PostgreSQL: with a million deliveries, 100,000 of them due,
 * 11 ms in three index-only scans without the webhook check (counting up to 100,000 took 0.7 s through the heap while
 * the table was not yet vacuumed, hence the lower limit, which is enough to alert on); the oldest due one with the
 * webhook check, 0.07 ms among 200,000 deliveries, 125 ms when 20,000 of a deleted webhook came first.
 */
public final class DeliveryBacklog {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBacklog.class);
    static final Duration OVERDUE = Duration.ofMinutes(1);
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);
    static final int COUNT_LIMIT = 10_000;
    private static final String DUE_BEFORE = "FROM webhook_deliveries d WHERE d.status = '"
            + DeliveryStatus.PENDING.value() + "' AND EXISTS (SELECT 1 FROM webhooks w WHERE w.app_id = d.app_id "
            + "AND w.id = d.webhook_id) AND d.next_attempt_at <= ";
    private static final String QUERY = "SELECT "
            + "(SELECT COUNT(*) FROM (SELECT 1 AS due " + DUE_BEFORE + ":now LIMIT " + COUNT_LIMIT + ") n) AS due, "
            + "(SELECT COUNT(*) FROM (SELECT 1 AS due " + DUE_BEFORE + ":overdue LIMIT " + COUNT_LIMIT + ") o) "
            + "AS overdue, (SELECT MIN(d.next_attempt_at) " + DUE_BEFORE + ":now) AS oldest";

    private record Snapshot(Instant takenAt, long due, long overdue, double oldestAgeSeconds) {
    }

    private final Database database;
    private final Clock clock;
    private final Duration limit;
    private Snapshot last = new Snapshot(Instant.EPOCH, 0, 0, 0);

    /** @param limit PARLEY_WEBHOOK_BACKLOG_SECONDS: how long the oldest due delivery may wait before {@code behind} */
    public DeliveryBacklog(Database database, Clock clock, Duration limit) {
        this.database = database;
        this.clock = clock;
        this.limit = limit;
    }

    /** {@code ok}, or {@code behind} when the oldest due delivery has waited longer than the limit. */
    public String status() {
        return current().oldestAgeSeconds() > limit.toMillis() / 1e3 ? "behind" : "ok";
    }

    public void register(MeterRegistry registry) {
        gauge(registry, "parley.webhook.deliveries.due", "Webhook deliveries due now (counted up to "
                + COUNT_LIMIT + ")", Snapshot::due);
        gauge(registry, "parley.webhook.deliveries.overdue", "Webhook deliveries due for over "
                + OVERDUE.toSeconds() + " s (counted up to " + COUNT_LIMIT + ")", Snapshot::overdue);
        Gauge.builder("parley.webhook.oldest.due.age", this, backlog -> backlog.current().oldestAgeSeconds())
                .description("How long the oldest due webhook delivery has been due; 0 when none is")
                .baseUnit("seconds")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, backlog -> value.applyAsDouble(backlog.current()))
                .description(description)
                .register(registry);
    }

    private synchronized Snapshot current() {
        Instant now = clock.instant();
        if (Duration.between(last.takenAt(), now).compareTo(FRESH_FOR) < 0) {
            return last;
        }
        try {
            last = database.withoutTransaction(handle -> handle.createQuery(QUERY)
                    .bind("now", Timestamp.from(now))
                    .bind("overdue", Timestamp.from(now.minus(OVERDUE)))
                    .map((rs, ctx) -> {
                        Timestamp oldest = rs.getTimestamp("oldest");
                        double age = oldest == null ? 0 : Duration.between(oldest.toInstant(), now).toMillis() / 1e3;
                        return new Snapshot(now, rs.getLong("due"), rs.getLong("overdue"), Math.max(0, age));
                    })
                    .one());
        } catch (RuntimeException e) {
            // The last numbers stay until the next try; a scrape or a probe must not fail, nor wait for each gauge
            // in turn, because the database is away (/health says so on its own).
            last = new Snapshot(now, last.due(), last.overdue(), last.oldestAgeSeconds());
            LOG.warn("the webhook backlog could not be read ({})", e.getClass().getName());
        }
        return last;
    }
}
