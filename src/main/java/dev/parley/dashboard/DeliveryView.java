package dev.parley.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.http.Json;
import dev.parley.webhooks.Delivery;
import java.util.List;

/**
 * A delivery as the delivery log's table shows it: a pending delivery that has failed before is "retrying", and the
 * last attempt's answer (status code or error) and latency stand for it.
 */
public record DeliveryView(String id, String eventType, String status, String statusLabel, int attemptCount,
                           String lastAnswer, String lastLatency, String createdAt, String nextAttemptAt,
                           List<Delivery.Attempt> attempts) {

    static DeliveryView of(Delivery delivery) {
        List<Delivery.Attempt> attempts = delivery.attempts();
        Delivery.Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        String label = "pending".equals(delivery.status()) && last != null ? "retrying" : delivery.status();
        return new DeliveryView(delivery.id(),
                delivery.events().isEmpty() ? "(no longer in the event log)" : delivery.events().get(0).type(),
                delivery.status(), label, attempts.size(), last == null ? null : answer(last),
                last == null ? null : last.latencyMs() + " ms", delivery.createdAt(), delivery.nextAttemptAt(),
                attempts);
    }

    /** The event as the log holds it, indented for reading; null once it has left the log. */
    static String eventJson(Delivery delivery) {
        if (delivery.events().isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(delivery.events().get(0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written", e);
        }
    }

    private static String answer(Delivery.Attempt attempt) {
        return attempt.statusCode() != null ? "HTTP " + attempt.statusCode() : attempt.error();
    }
}
