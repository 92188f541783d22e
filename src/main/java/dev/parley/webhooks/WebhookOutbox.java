package dev.parley.webhooks;

import dev.parley.events.Event;
import dev.parley.events.EventOutbox;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Queues an event for each webhook of its app whose triggers name its type, in the event's transaction: one
 * statement, which finds no webhook at all in an app without any. This server's dispatcher is woken once the
 * transaction commits; other servers find the deliveries when they next look.
 */
public final class WebhookOutbox implements EventOutbox {
    private static final String PENDING = DeliveryStatus.PENDING.value();

    private final Clock clock;
    private final Duration retryPeriod;
    private final Runnable wakeDispatcher;

    public WebhookOutbox(Clock clock, Duration retryPeriod, Runnable wakeDispatcher) {
        this.clock = clock;
        this.retryPeriod = retryPeriod;
        this.wakeDispatcher = wakeDispatcher;
    }

    @Override
    public void recorded(Handle handle, String appId, String conversationId, Event event) {
        Instant now = clock.instant();
        // Triggers are stored as a JSON array of names; a name with its quotes matches only itself (no event type
        // holds a LIKE wildcard). A delivery behind a pending one of its conversation is not due yet: the earlier
        // one's settling makes it due (DeliveryQueue), so that an outage's backlog is not searched again and again.
        // The conversation's row, locked by the change that records the event, keeps the two from missing each other.
        int queued = handle.createUpdate("INSERT INTO webhook_deliveries (app_id, webhook_id, event_id, "
                        + "conversation_id, status, attempt_count, next_attempt_at, give_up_at, created_at) "
                        + "SELECT w.app_id, w.id, :eventId, :conversationId, '" + PENDING + "', 0, "
                        + "CASE WHEN EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.app_id = w.app_id "
                        + "AND e.webhook_id = w.id AND e.conversation_id = :conversationId AND e.status = '" + PENDING
                        + "') THEN NULL ELSE CAST(:now AS TIMESTAMP WITH TIME ZONE) END, :giveUpAt, :now "
                        + "FROM webhooks w WHERE w.app_id = :appId "
                        + "AND w.triggers LIKE :trigger")
                .bind("appId", appId)
                .bind("eventId", event.id())
                .bind("conversationId", conversationId)
                .bind("now", Timestamp.from(now))
                .bind("giveUpAt", Timestamp.from(now.plus(retryPeriod)))
                .bind("trigger", "%\"" + event.type() + "\"%")
                .execute();
        if (queued > 0) {
            handle.afterCommit(wakeDispatcher);
        }
    }
}
