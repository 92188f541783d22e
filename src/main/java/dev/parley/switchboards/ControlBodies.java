package dev.parley.switchboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.Json;
import dev.parley.http.JsonFields;
import dev.parley.http.Metadata;
import java.util.Set;

/** The bodies of the switchboard actions: a target (pass and offer) and metadata. */
final class ControlBodies {
    /** The target that names the active switchboard integration's next. */
    static final String NEXT = "next";
    private static final Set<String> TARGETED = Set.of("switchboardIntegration", "metadata");
    private static final Set<String> UNTARGETED = Set.of("metadata");

    private ControlBodies() {
    }

    /**
     * One action's request.
     *
     * @param target   a switchboard integration's id or name, or {@code next}; null for accept and release
     * @param metadata the flat metadata object, or null
     */
    record ControlRequest(String target, JsonNode metadata) {
    }

    static ControlRequest targeted(ObjectNode body) {
        JsonFields.allowOnly(body, "The action", TARGETED);
        JsonNode target = body.get("switchboardIntegration");
        if (target == null || target.isNull()) {
            throw ApiException.badRequest("switchboardIntegration is required: a switchboard integration's id or "
                    + "name, or next");
        }
        if (!target.isTextual() || target.textValue().isEmpty() || target.textValue().length() > 128) {
            throw ApiException.badRequest("switchboardIntegration must be a switchboard integration's id or name "
                    + "(1 to 128 characters), or next");
        }
        return new ControlRequest(target.textValue(), metadata(body));
    }

    static ControlRequest untargeted(ObjectNode body) {
        JsonFields.allowOnly(body, "The action", UNTARGETED);
        return new ControlRequest(null, metadata(body));
    }

    private static JsonNode metadata(ObjectNode body) {
        JsonNode metadata = body.get("metadata");
        if (metadata == null || metadata.isNull()) {
            return null;
        }
        Metadata.flat(metadata, "metadata", "Switchboard action");
        return metadata;
    }

    /** An action's request without a body (releaseControl's body is optional): no metadata. */
    static ObjectNode none() {
        return Json.mapper().createObjectNode();
    }
}
