package dev.parley.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of an app's event log, as upstream would send it to a webhook: {@code {"id","createdAt","type",
 * "payload"}}.
 */
public record Event(String id, String createdAt, String type, JsonNode payload) {
}
