package dev.parley.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.JsonFields;
import java.util.List;
import java.util.Set;

/** Webhook request bodies: {@code target}, {@code triggers}, {@code includeFullUser}, {@code includeFullSource}. */
public final class WebhookBodies {
    private static final Set<String> FIELDS = Set.of("target", "triggers", "includeFullUser", "includeFullSource");

    private WebhookBodies() {
    }

    /** The fields given; each null when left as it is (or, on creation, to its default). */
    public record WebhookFields(String target, List<String> triggers, Boolean includeFullUser, Boolean includeFullSource) {
    }

    /** A new webhook: target and triggers required. */
    static WebhookFields forCreate(JsonNode node, String where) {
        if (!(node instanceof ObjectNode body)) {
            throw ApiException.badRequest(where + " must be an object");
        }
        if (!body.hasNonNull("target")) {
            throw ApiException.badRequest("target is required");
        }
        if (!body.hasNonNull("triggers")) {
            throw ApiException.badRequest("triggers is required");
        }
        return fields(body, where);
    }

    public static WebhookFields forUpdate(ObjectNode body) {
        return fields(body, "The webhook");
    }

    private static WebhookFields fields(ObjectNode body, String where) {
        JsonFields.allowOnly(body, where, FIELDS);
        return new WebhookFields(
                body.has("target") ? target(body.get("target")) : null,
                body.has("triggers") ? WebhookTriggers.parse(body.get("triggers")) : null,
                flag(body, "includeFullUser"),
                flag(body, "includeFullSource"));
    }

    private static String target(JsonNode value) {
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest("target must be a string: an http:// or https:// URL");
        }
        WebhookTargets.parse(value.textValue());
        return value.textValue();
    }

    private static Boolean flag(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        return JsonFields.bool(value, field);
    }
}
