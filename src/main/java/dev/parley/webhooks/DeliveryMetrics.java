package dev.parley.webhooks;

import dev.parley.events.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the attempts came to: {@code parley_webhook_attempts_total} by outcome (delivered, retry: due again after a
 * backoff, given_up), and for each delivered event {@code parley_webhook_delivery_latency_seconds}, from the event's
 * creation to its 2xx answer, retries and any backlog included.
 */
final class DeliveryMetrics {
    /** From a busy receiver's usual second up to the hours an outage's backlog may take. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1)};

    private final Map<DeliveryStatus, Counter> outcomes = new EnumMap<>(DeliveryStatus.class);
    private final Timer latency;

    DeliveryMetrics(MeterRegistry registry) {
        outcomes.put(DeliveryStatus.DELIVERED, outcome(registry, "delivered"));
        outcomes.put(DeliveryStatus.PENDING, outcome(registry, "retry"));
        outcomes.put(DeliveryStatus.FAILED, outcome(registry, "given_up"));
        latency = Timer.builder("parley.webhook.delivery.latency")
                .description("Time from an event's creation to its webhook's 2xx answer")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("parley.webhook.attempts")
                .description("Webhook delivery attempts, by what they came to")
                .tag("outcome", outcome)
                .register(registry);
    }

    void recorded(DeliveryJob job, DeliveryStatus settled, Instant now) {
        outcomes.get(settled).increment();
        Event event = job.event();
        if (settled == DeliveryStatus.DELIVERED && event != null) {
            latency.record(Duration.between(Instant.parse(event.createdAt()), now));
        }
    }
}
