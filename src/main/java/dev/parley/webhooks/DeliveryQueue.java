package dev.parley.webhooks;

import dev.parley.crypto.IdGenerator;
import dev.parley.events.Event;
import dev.parley.events.EventLog;
import dev.parley.store.CustomPlans;
import dev.parley.store.Database;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The deliveries' side the dispatchers work on: claiming due deliveries under a lease, and recording each attempt's
 * outcome. Any number of servers claim at once: {@code FOR UPDATE SKIP LOCKED} hands each due delivery to one of
 * them, and its lease (the due time moved past the attempt's end) keeps the others off it until the attempt is
 * recorded, or the lease runs out because its server died.
 */
final class DeliveryQueue {
    private static final String PENDING = DeliveryStatus.PENDING.value();

    /**
     * Due, of a webhook that still exists in an integration and an app that still exist, and not behind a pending
     * delivery of an earlier event of the same conversation to the same webhook (which holds it back until
     * delivered or given up on), nor of a webhook named in {@code <full>}. The oldest due first.
     */
    private static final String DUE = "SELECT d.app_id, d.webhook_id, d.event_id FROM webhook_deliveries d "
            + "WHERE d.next_attempt_at <= :now AND d.status = '" + PENDING + "' <full> "
            + "AND EXISTS (SELECT 1 FROM webhooks w "
            + "JOIN integrations i ON i.app_id = w.app_id AND i.id = w.integration_id "
            + "JOIN apps a ON a.id = w.app_id "
            + "WHERE w.app_id = d.app_id AND w.id = d.webhook_id) "
            + "AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.app_id = d.app_id "
            + "AND e.webhook_id = d.webhook_id AND e.conversation_id = d.conversation_id "
            + "AND e.status = '" + PENDING + "' AND e.event_id < d.event_id) "
            + "ORDER BY d.next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED";

    private final Database database;
    private final EventLog events;
    private final IdGenerator ids;
    private final Clock clock;
    private final RetryPolicy retries;
    private final WebhookPayloads payloads;

    DeliveryQueue(Database database, EventLog events, WebhookPayloads payloads, IdGenerator ids, Clock clock,
                  RetryPolicy retries) {
        this.database = database;
        this.events = events;
        this.payloads = payloads;
        this.ids = ids;
        this.clock = clock;
        this.retries = retries;
    }

    private record Key(String appId, String webhookId, String eventId) {
        <T extends SqlStatement<T>> T bindTo(T statement) {
            return statement.bind("appId", appId).bind("webhookId", webhookId).bind("eventId", eventId);
        }
    }

    /**
     * What a claim took, and whether more may be due now: it found as many due deliveries as it looked for (some
     * perhaps passed by for their webhook's slots).
     */
    record Claim(List<DeliveryJob> jobs, boolean more) {
    }

    /**
     * Claims at most {@code limit} due deliveries for one attempt each, leased for {@code lease}, and of each webhook
     * no more than its free {@code slots}; the caller takes the slots of the jobs it answers.
     */
    Claim claim(int limit, Duration lease, WebhookSlots slots) {
        Set<String> full = slots.full();
        return database.inTransaction(handle -> {
            Instant now = clock.instant();
            Query query = handle.createQuery(DUE.replace("<full>",
                    full.isEmpty() ? "" : "AND d.webhook_id NOT IN (<fullIds>)"));
            if (!full.isEmpty()) {
                query.bindList("fullIds", List.copyOf(full));
            }
            List<Key> due = query
                    .addCustomizer(CustomPlans.INSTANCE)
                    .bind("now", Timestamp.from(now))
                    .bind("limit", limit)
                    .map((rs, ctx) -> new Key(rs.getString("app_id"), rs.getString("webhook_id"),
                            rs.getString("event_id")))
                    .list();
            String claimId = ids.next();
            List<DeliveryJob> jobs = new ArrayList<>();
            Map<String, Integer> taken = new HashMap<>();
            for (Key key : due) {
                if (taken.merge(key.webhookId(), 1, Integer::sum) > slots.free(key.webhookId())) {
                    continue;
                }
                key.bindTo(handle.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :leaseEnd, "
                                + "claim_id = :claimId, attempt_count = attempt_count + 1 "
                                + "WHERE app_id = :appId AND webhook_id = :webhookId AND event_id = :eventId"))
                        .bind("leaseEnd", Timestamp.from(now.plus(lease)))
                        .bind("claimId", claimId)
                        .execute();
                // Its webhook deleted since the search: nothing to send, and no server will claim it again.
                job(handle, key).ifPresent(jobs::add);
            }
            return new Claim(jobs, due.size() == limit);
        });
    }

    private Optional<DeliveryJob> job(Handle handle, Key key) {
        Map<String, Event> event = events.find(handle, key.appId(), List.of(key.eventId()));
        return key.bindTo(handle.createQuery("SELECT d.conversation_id, d.attempt_count, d.claim_id, d.give_up_at, "
                        + "w.target, w.version, w.sealed_secret, w.include_full_user, w.include_full_source "
                        + "FROM webhook_deliveries d JOIN webhooks w ON w.app_id = d.app_id AND w.id = d.webhook_id "
                        + "WHERE d.app_id = :appId AND d.webhook_id = :webhookId AND d.event_id = :eventId"))
                .map((rs, ctx) -> new DeliveryJob(key.appId(), key.webhookId(), key.eventId(),
                        rs.getString("conversation_id"), rs.getInt("attempt_count"), rs.getString("claim_id"),
                        rs.getTimestamp("give_up_at").toInstant(), rs.getString("target"), rs.getString("version"),
                        rs.getString("sealed_secret"), payloads.forWebhook(handle, key.appId(),
                        event.get(key.eventId()), rs.getBoolean("include_full_user"),
                        rs.getBoolean("include_full_source"))))
                .findOne();
    }

    /**
     * Logs the attempt, and settles the delivery: delivered, given up on, or due again after a backoff (given up on
     * when that would be past its retry period). Settled, it makes the next delivery of its conversation to the
     * webhook due, under the conversation's row lock, which a change recording an event of the conversation holds
     * while it queues its deliveries (WebhookOutbox): either that change sees this one settled and queues its
     * delivery due, or this sees the change's delivery waiting. A server whose lease was taken over meanwhile (it
     * outlived its lease, or the delivery was retried by hand) logs its attempt but settles nothing.
     *
     * @return what the attempt settled the delivery as: pending when it is to be retried
     */
    DeliveryStatus record(DeliveryJob job, Instant attemptedAt, AttemptOutcome outcome) {
        Instant now = clock.instant();
        DeliveryStatus status = switch (outcome.verdict()) {
            case DELIVERED -> DeliveryStatus.DELIVERED;
            case FINAL -> DeliveryStatus.FAILED;
            case RETRY -> DeliveryStatus.PENDING;
        };
        Instant next = status == DeliveryStatus.PENDING ? now.plus(retries.backoff(job.attempt())) : null;
        if (next != null && next.isAfter(job.giveUpAt())) {
            status = DeliveryStatus.FAILED;
            next = null;
        }
        DeliveryStatus settled = status;
        Instant nextAttempt = next;
        Key key = new Key(job.appId(), job.webhookId(), job.eventId());
        database.inTransaction(handle -> {
            boolean ends = settled != DeliveryStatus.PENDING && job.conversationId() != null;
            if (ends) {
                handle.createQuery("SELECT id FROM conversations WHERE app_id = :appId AND id = :id FOR UPDATE")
                        .bind("appId", job.appId())
                        .bind("id", job.conversationId())
                        .mapTo(String.class)
                        .findOne();
            }
            key.bindTo(handle.createUpdate("INSERT INTO webhook_delivery_attempts (app_id, webhook_id, event_id, "
                            + "attempt, attempted_at, status_code, error, latency_ms) VALUES (:appId, :webhookId, "
                            + ":eventId, :attempt, :attemptedAt, :statusCode, :error, :latency)"))
                    .bind("attempt", job.attempt())
                    .bind("attemptedAt", Timestamp.from(attemptedAt))
                    .bind("statusCode", outcome.statusCode())
                    .bind("error", outcome.error())
                    .bind("latency", (int) Math.min(Integer.MAX_VALUE, outcome.latencyMillis()))
                    .execute();
            int updated = key.bindTo(handle.createUpdate("UPDATE webhook_deliveries SET status = :status, "
                            + "next_attempt_at = :next, claim_id = NULL WHERE app_id = :appId "
                            + "AND webhook_id = :webhookId AND event_id = :eventId AND claim_id = :claimId"))
                    .bind("status", settled.value())
                    .bind("next", nextAttempt == null ? null : Timestamp.from(nextAttempt))
                    .bind("claimId", job.claimId())
                    .execute();
            if (ends && updated == 1) {
                makeNextDue(handle, key, job.conversationId(), now);
            }
            return null;
        });
        return settled;
    }

    /** The conversation's earliest delivery to the webhook waiting behind others becomes due. */
    private static void makeNextDue(Handle handle, Key settled, String conversationId, Instant now) {
        handle.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :now "
                        + "WHERE app_id = :appId AND webhook_id = :webhookId AND event_id = ("
                        + "SELECT MIN(w.event_id) FROM webhook_deliveries w WHERE w.app_id = :appId "
                        + "AND w.webhook_id = :webhookId AND w.conversation_id = :conversationId "
                        + "AND w.status = '" + PENDING + "' AND w.next_attempt_at IS NULL)")
                .bind("appId", settled.appId())
                .bind("webhookId", settled.webhookId())
                .bind("conversationId", conversationId)
                .bind("now", Timestamp.from(now))
                .execute();
    }
}
