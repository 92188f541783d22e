package dev.parley.events;

import org.jdbi.v3.core.Handle;

/**
 * What else an event starts, written in the event's own transaction: the webhooks' deliveries. Defined here, and
 * implemented where the deliveries live, so that the event log depends on nothing that delivers.
 */
public interface EventOutbox {
    /** Records nothing: for an event log whose events go nowhere. */
    EventOutbox NONE = (handle, appId, conversationId, event) -> {
    };

    /**
     * Called for every event the log records, in its transaction.
     *
     * @param conversationId the event's conversation, or null for an event of the app
     */
    void recorded(Handle handle, String appId, String conversationId, Event event);

    /** This outbox, then the other, for every event. */
    default EventOutbox andThen(EventOutbox other) {
        return (handle, appId, conversationId, event) -> {
            recorded(handle, appId, conversationId, event);
            other.recorded(handle, appId, conversationId, event);
        };
    }
}
