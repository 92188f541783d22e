package dev.parley.webhooks;

import dev.parley.events.Event;
import java.time.Instant;

/**
 * A delivery claimed for one attempt, with what the attempt needs: the webhook as it is now, and the event as the
 * webhook's settings make it ({@link WebhookPayloads}; null when it has left the event log, and there is nothing left
 * to deliver).
 *
 * @param conversationId the event's conversation, or null
 * @param attempt the number of this attempt, from 1
 * @param claimId the claim under which its outcome is recorded
 */
record DeliveryJob(String appId, String webhookId, String eventId, String conversationId, int attempt, String claimId,
                   Instant giveUpAt, String target, String version, String sealedSecret, Event event) {

    /** The Standard Webhooks message id: the same on every attempt of this delivery, and of no other. */
    String messageId() {
        return webhookId + "_" + eventId;
    }
}
