package dev.parley.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.apps.AppAccess;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.Action;
import dev.parley.auth.Principal;
import dev.parley.events.Event;
import dev.parley.events.EventLog;
import dev.parley.http.Json;
import dev.parley.store.CursorPages;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** A webhook's deliveries, newest last, a delivery sent again by hand, and a test event sent to the webhook. */
public final class DeliveryLog {
    /** The type of the event a webhook's test sends: Parley's own, no trigger names it. */
    public static final String TEST_EVENT = "webhook:test";

    private final Database database;
    private final AppAccess apps;
    private final AccessPolicy policy;
    private final EventLog events;
    private final Clock clock;
    private final Duration retryPeriod;
    private final Runnable signal;

    public DeliveryLog(Database database, AppAccess apps, AccessPolicy policy, EventLog events, Clock clock,
                       Duration retryPeriod, Runnable signal) {
        this.database = database;
        this.apps = apps;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
        this.retryPeriod = retryPeriod;
        this.signal = signal;
    }

    /** The webhook of the integration in the path, as the caller may see it. */
    public record WebhookPath(String appId, String integrationId, String webhookId) {
    }

    private record Row(String eventId, String status, Timestamp createdAt, Timestamp nextAttemptAt) {
    }

    private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getString("event_id"), rs.getString("status"),
            rs.getTimestamp("created_at"), rs.getTimestamp("next_attempt_at"));

    /** The webhook's deliveries, oldest first, of one status when {@code status} is given. */
    public Page<Delivery> list(Principal caller, WebhookPath webhook, Optional<DeliveryStatus> status,
                               PageRequest request) {
        return database.withoutTransaction(handle -> {
            require(handle, caller, webhook);
            Map<String, Object> bindings = new HashMap<>();
            bindings.put("appId", webhook.appId());
            bindings.put("webhookId", webhook.webhookId());
            String select = "SELECT event_id, status, created_at, next_attempt_at FROM webhook_deliveries "
                    + "WHERE app_id = :appId AND webhook_id = :webhookId";
            if (status.isPresent()) {
                select += " AND status = :status";
                bindings.put("status", status.get().value());
            }
            Page<Row> rows = CursorPages.fetch(handle, select, "event_id", "app_id, webhook_id", bindings, ROW,
                    request);
            return withDetails(handle, webhook, rows);
        });
    }

    /**
     * Sends the delivery again now, whatever its status, with a new retry period; an attempt in flight is left to
     * end, and its outcome is logged but settles nothing.
     */
    public Delivery retry(Principal caller, WebhookPath webhook, String deliveryId) {
        Delivery delivery = database.inTransaction(handle -> {
            require(handle, caller, webhook);
            Instant now = clock.instant();
            int updated = handle.createUpdate("UPDATE webhook_deliveries SET status = :pending, "
                            + "next_attempt_at = :now, give_up_at = :giveUpAt, claim_id = NULL "
                            + "WHERE app_id = :appId AND webhook_id = :webhookId AND event_id = :eventId")
                    .bind("pending", DeliveryStatus.PENDING.value())
                    .bind("now", Timestamp.from(now))
                    .bind("giveUpAt", Timestamp.from(now.plus(retryPeriod)))
                    .bind("appId", webhook.appId())
                    .bind("webhookId", webhook.webhookId())
                    .bind("eventId", deliveryId)
                    .execute();
            if (updated == 0) {
                throw noDelivery();
            }
            return one(handle, webhook, deliveryId).orElseThrow(DeliveryLog::noDelivery);
        });
        signal.run();
        return delivery;
    }

    /** One delivery of the webhook, with its event and attempts. */
    public Delivery get(Principal caller, WebhookPath webhook, String deliveryId) {
        return database.withoutTransaction(handle -> {
            require(handle, caller, webhook);
            return one(handle, webhook, deliveryId).orElseThrow(DeliveryLog::noDelivery);
        });
    }

    /**
     * Records a {@value #TEST_EVENT} event in the app's event log and queues it for this webhook only, whatever its
     * triggers, so that it goes through the same queue, dispatcher, signature and retries as every event.
     */
    public Delivery sendTest(Principal caller, WebhookPath webhook) {
        Delivery delivery = database.inTransaction(handle -> {
            require(handle, caller, webhook);
            ObjectNode payload = Json.mapper().createObjectNode();
            payload.putObject("webhook").put("id", webhook.webhookId());
            Event event = events.record(handle, webhook.appId(), TEST_EVENT, payload);
            Instant now = clock.instant();
            handle.createUpdate("INSERT INTO webhook_deliveries (app_id, webhook_id, event_id, conversation_id, "
                            + "status, attempt_count, next_attempt_at, give_up_at, created_at) VALUES (:appId, "
                            + ":webhookId, :eventId, NULL, :pending, 0, :now, :giveUpAt, :now)")
                    .bind("appId", webhook.appId())
                    .bind("webhookId", webhook.webhookId())
                    .bind("eventId", event.id())
                    .bind("pending", DeliveryStatus.PENDING.value())
                    .bind("now", Timestamp.from(now))
                    .bind("giveUpAt", Timestamp.from(now.plus(retryPeriod)))
                    .execute();
            return one(handle, webhook, event.id()).orElseThrow();
        });
        signal.run();
        return delivery;
    }

    private Optional<Delivery> one(Handle handle, WebhookPath webhook, String deliveryId) {
        Optional<Row> row = handle.createQuery("SELECT event_id, status, created_at, next_attempt_at "
                        + "FROM webhook_deliveries WHERE app_id = :appId AND webhook_id = :webhookId "
                        + "AND event_id = :eventId")
                .bind("appId", webhook.appId())
                .bind("webhookId", webhook.webhookId())
                .bind("eventId", deliveryId)
                .map(ROW)
                .findOne();
        return row.map(found -> withDetails(handle, webhook, new Page<>(List.of(found), false, false)).items()
                .get(0));
    }

    private static ApiException noDelivery() {
        return new ApiException(404, "delivery_not_found", "This webhook has no delivery with this id");
    }

    /**
     * 404 unless the app (as the caller sees it), its integration, and the webhook in that integration exist; 403 for
     * an integration key on another integration's webhook, as for the webhooks themselves.
     */
    private void require(Handle handle, Principal caller, WebhookPath webhook) {
        apps.require(handle, caller, Action.MANAGE_WEBHOOKS, webhook.appId());
        policy.onIntegration(caller, Action.MANAGE_WEBHOOKS, webhook.integrationId()).enforce(DeliveryLog::noIntegration);
        boolean integration = handle.createQuery("SELECT 1 FROM integrations WHERE app_id = :appId AND id = :id")
                .bind("appId", webhook.appId())
                .bind("id", webhook.integrationId())
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
        if (!integration) {
            throw noIntegration();
        }
        boolean found = handle.createQuery("SELECT 1 FROM webhooks WHERE app_id = :appId AND id = :id "
                        + "AND integration_id = :integrationId")
                .bind("appId", webhook.appId())
                .bind("id", webhook.webhookId())
                .bind("integrationId", webhook.integrationId())
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
        if (!found) {
            throw new ApiException(404, "webhook_not_found", "The integration has no webhook with this id");
        }
    }

    private static ApiException noIntegration() {
        return new ApiException(404, "integration_not_found", "The app has no integration with this id");
    }

    /** The rows' events and attempts, two queries for the whole page. */
    private Page<Delivery> withDetails(Handle handle, WebhookPath webhook, Page<Row> rows) {
        List<String> eventIds = rows.items().stream().map(Row::eventId).toList();
        Map<String, Event> found = events.find(handle, webhook.appId(), eventIds);
        Map<String, List<Delivery.Attempt>> attempts = new HashMap<>();
        if (!eventIds.isEmpty()) {
            handle.createQuery("SELECT event_id, attempted_at, status_code, error, latency_ms "
                            + "FROM webhook_delivery_attempts WHERE app_id = :appId AND webhook_id = :webhookId "
                            + "AND event_id IN (<eventIds>) ORDER BY event_id, attempt")
                    .bind("appId", webhook.appId())
                    .bind("webhookId", webhook.webhookId())
                    .bindList("eventIds", eventIds)
                    .map((rs, ctx) -> {
                        int code = rs.getInt("status_code");
                        Integer statusCode = rs.wasNull() ? null : code;
                        return Map.entry(rs.getString("event_id"), new Delivery.Attempt(
                                Timestamps.format(rs.getTimestamp("attempted_at")), statusCode,
                                rs.getString("error"), rs.getLong("latency_ms")));
                    })
                    .forEach(entry -> attempts.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                            .add(entry.getValue()));
        }
        return rows.map(row -> new Delivery(row.eventId(), row.status(), Timestamps.format(row.createdAt()),
                found.containsKey(row.eventId()) ? List.of(found.get(row.eventId())) : List.of(),
                attempts.getOrDefault(row.eventId(), List.of()),
                Timestamps.format(row.nextAttemptAt())));
    }
}
