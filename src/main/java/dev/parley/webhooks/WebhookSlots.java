package dev.parley.webhooks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The attempts this server has in flight per webhook, each webhook at most {@code perWebhook} at once: so that one
 * slow receiver with many conversations cannot fill every slot of the server and hold back the other webhooks.
 * Claimed by the dispatcher's one loop; released by the attempts as they end.
 */
final class WebhookSlots {
    private final int perWebhook;
    private final Map<String, Integer> inFlight = new HashMap<>();

    WebhookSlots(int perWebhook) {
        this.perWebhook = perWebhook;
    }

    /** The webhooks with no free slot: a claim passes their deliveries by. */
    synchronized Set<String> full() {
        return Set.copyOf(inFlight.entrySet().stream().filter(e -> e.getValue() >= perWebhook)
                .map(Map.Entry::getKey).toList());
    }

    /** How many more attempts of the webhook may start now. */
    synchronized int free(String webhookId) {
        return perWebhook - inFlight.getOrDefault(webhookId, 0);
    }

    synchronized void take(String webhookId) {
        inFlight.merge(webhookId, 1, Integer::sum);
    }

    synchronized void release(String webhookId) {
        inFlight.computeIfPresent(webhookId, (id, count) -> count == 1 ? null : count - 1);
    }
}
