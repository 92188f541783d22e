package dev.parley.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.events.Event;
import dev.parley.http.Json;
import dev.parley.users.UserStore;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * An event as one webhook receives it, from the event as the log holds it: with {@code includeFullUser}, each user
 * of the payload (upstream's userTruncated) becomes the user as it is now (profile, metadata, identities…), or stays
 * as recorded when the user has been deleted since; with {@code includeFullSource}, each {@code source} carries
 * {@code client} and {@code device}, null while every message and activity comes through the API rather than a
 * channel. Made at each attempt, so a retry carries the user as it is then.
 */
final class WebhookPayloads {
    /** Where upstream's payloads carry a user. */
    private static final List<String> USERS = List.of("/user", "/message/author/user", "/activity/author/user");
    /** Where upstream's payloads carry a source. */
    private static final List<String> SOURCES = List.of("/source", "/message/source", "/activity/source");

    private final UserStore users;

    WebhookPayloads(UserStore users) {
        this.users = users;
    }

    /** The event as sent to a webhook with those settings; the event itself when neither is on. */
    Event forWebhook(Handle handle, String appId, Event event, boolean includeFullUser, boolean includeFullSource) {
        if (event == null || (!includeFullUser && !includeFullSource) || !event.payload().isObject()) {
            return event;
        }
        ObjectNode payload = event.payload().deepCopy();
        if (includeFullUser) {
            for (String path : USERS) {
                if (payload.at(path) instanceof ObjectNode recorded && recorded.path("id").isTextual()) {
                    users.findById(handle, appId, recorded.path("id").asText(), false).ifPresent(user ->
                            parent(payload, path).set("user", Json.mapper().valueToTree(user)));
                }
            }
        }
        if (includeFullSource) {
            for (String path : SOURCES) {
                if (payload.at(path) instanceof ObjectNode source) {
                    putNullIfAbsent(source, "client");
                    putNullIfAbsent(source, "device");
                }
            }
        }
        return new Event(event.id(), event.createdAt(), event.type(), payload);
    }

    private static ObjectNode parent(ObjectNode payload, String path) {
        return (ObjectNode) payload.at(path.substring(0, path.lastIndexOf('/')));
    }

    private static void putNullIfAbsent(ObjectNode source, String field) {
        if (!source.has(field)) {
            source.putNull(field);
        }
    }
}
