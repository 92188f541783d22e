package dev.parley.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Handle;

/** Counts the events recorded, by type, as {@code parley_events_recorded_total}: once their transaction commits. */
public final class EventCounts implements EventOutbox {
    private final MeterRegistry registry;

    public EventCounts(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void recorded(Handle handle, String appId, String conversationId, Event event) {
        Counter counter = Counter.builder("parley.events.recorded")
                .description("Events recorded in the apps' event logs, by type")
                .tag("type", event.type())
                .register(registry);
        handle.afterCommit(counter::increment);
    }
}
