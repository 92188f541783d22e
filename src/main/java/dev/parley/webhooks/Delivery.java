package dev.parley.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.events.Event;
import java.util.List;

/**
 * One delivery as the delivery log shows it: its event (under {@code events}, as the envelope sends it; empty once
 * the event has left the event log), its attempts, oldest first, and when the next one is due (while an attempt is
 * in flight, when its lease ends; null while it waits behind an earlier delivery of its conversation, and once
 * delivered or given up on).
 *
 * @param id the delivery's id within its webhook: its event's id
 */
public record Delivery(String id, String status, String createdAt, List<Event> events, List<Attempt> attempts,
                       String nextAttemptAt) {

    /** One attempt: the target's status code, or the error that left no answer, and how long it took. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(String attemptedAt, Integer statusCode, String error, long latencyMs) {
    }
}
