package dev.parley.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.crypto.IdGenerator;
import dev.parley.store.CursorPages;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The app's event log. Every change of an app's data records its event here in the change's own transaction, so a
 * change and its event commit or roll back together; webhooks deliver from it and a receiver catches up with it.
 */
public final class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdGenerator ids;
    private final Clock clock;
    private final EventOutbox outbox;
    private final RowMapper<Event> mapper = (rs, ctx) -> new Event(rs.getString("id"),
            Timestamps.format(rs.getTimestamp("created_at").toInstant()), rs.getString("type"),
            read(rs.getString("payload")));

    public EventLog(IdGenerator ids, Clock clock, EventOutbox outbox) {
        this.ids = ids;
        this.clock = clock;
        this.outbox = outbox;
    }

    /** Records an event of the app that belongs to no conversation (a user removed, say). */
    public Event record(Handle handle, String appId, String type, JsonNode payload) {
        return insert(handle, appId, ids.next(), null, type, payload);
    }

    /**
     * Records an event of a conversation with the id its conversation gave it ({@code ConversationSequence}), so
     * that the conversation's messages and events keep one order.
     */
    public Event recordInConversation(Handle handle, String appId, String conversationId, String eventId, String type,
                                      JsonNode payload) {
        return insert(handle, appId, eventId, conversationId, type, payload);
    }

    private Event insert(Handle handle, String appId, String id, String conversationId, String type,
                         JsonNode payload) {
        Instant now = clock.instant();
        handle.createUpdate("INSERT INTO events (app_id, id, type, conversation_id, created_at, payload) "
                        + "VALUES (:appId, :id, :type, :conversationId, :createdAt, :payload)")
                .bind("appId", appId)
                .bind("id", id)
                .bind("type", type)
                .bind("conversationId", conversationId)
                .bind("createdAt", Timestamps.column(now))
                .bind("payload", write(payload))
                .execute();
        Event event = new Event(id, Timestamps.format(now), type, payload);
        outbox.recorded(handle, appId, conversationId, event);
        return event;
    }

    /** The app's events of those ids that are still in the log, by id. */
    public Map<String, Event> find(Handle handle, String appId, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        return handle.createQuery("SELECT id, type, created_at, payload FROM events WHERE app_id = :appId "
                        + "AND id IN (<ids>)")
                .bind("appId", appId)
                .bindList("ids", List.copyOf(eventIds))
                .map(mapper)
                .collectToMap(Event::id, event -> event);
    }

    /** The app's events, oldest first; only those of one type when {@code type} is given. */
    public Page<Event> list(Handle handle, String appId, String type, PageRequest request) {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("appId", appId);
        String select = "SELECT id, type, created_at, payload FROM events WHERE app_id = :appId";
        if (type != null) {
            select += " AND type = :type";
            bindings.put("type", type);
        }
        return CursorPages.fetch(handle, select, "id", type == null ? "app_id" : "app_id, type", bindings, mapper,
                request);
    }

    private static String write(JsonNode payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event payload could not be written", e);
        }
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event payload could not be read", e);
        }
    }
}
