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
    /**
     * Who hears a conversation's event while the app's switchboard is enabled (README, "Who hears what"): a webhook
     * whose integration is linked to the switchboard without deliverStandbyEvents hears it only while that switchboard
     * integration is the conversation's active one (the one it names, else the default unless control was released),
     * read from the conversation's row as the change that records the event leaves it. A conversation no longer there
     * (removed) is held by none, so its event reaches everyone.
     */
    private static final String WITHHELD_FROM_STANDBY = " AND NOT EXISTS (SELECT 1 FROM switchboards sb "
            + "JOIN switchboard_integrations si ON si.app_id = sb.app_id AND si.switchboard_id = sb.id "
            + "JOIN conversations c ON c.app_id = sb.app_id AND c.id = :conversationId "
            + "WHERE sb.app_id = w.app_id AND sb.enabled = TRUE AND si.integration_id = w.integration_id "
            + "AND si.deliver_standby_events = FALSE AND si.id <> COALESCE(c.switchboard_active_id, "
            + "CASE WHEN c.switchboard_released THEN '' ELSE sb.default_switchboard_integration_id END, ''))";
    /** Hand-offs reach every integration of the switchboard, so that each knows who holds the conversation. */
    private static final String HAND_OFFS = "switchboard:";

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
                        + "AND w.triggers LIKE :trigger"
                        + (conversationId == null || event.type().startsWith(HAND_OFFS) ? "" : WITHHELD_FROM_STANDBY))
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
