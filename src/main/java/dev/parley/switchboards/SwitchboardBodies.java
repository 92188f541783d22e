package dev.parley.switchboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.JsonFields;
import java.util.Set;
import java.util.regex.Pattern;

/** Request bodies of switchboards and switchboard integrations (the API's, and the dashboard's form as JSON). */
public final class SwitchboardBodies {
    private static final Set<String> SWITCHBOARD = Set.of("enabled", "defaultSwitchboardIntegrationId");
    private static final Set<String> INTEGRATION = Set.of("name", "integrationId", "integrationType",
            "deliverStandbyEvents", "nextSwitchboardIntegrationId", "messageHistoryCount");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

    private SwitchboardBodies() {
    }

    /** A switchboard's change: each field only when given; the default may be unset with null. */
    public record SwitchboardChange(Boolean enabled, boolean defaultGiven, String defaultId) {
        Switchboard applyTo(Switchboard switchboard) {
            return new Switchboard(switchboard.id(), enabled != null ? enabled : switchboard.enabled(),
                    defaultGiven ? defaultId : switchboard.defaultSwitchboardIntegrationId());
        }
    }

    public static SwitchboardChange forSwitchboardUpdate(ObjectNode body) {
        JsonFields.allowOnly(body, "A switchboard's change", SWITCHBOARD);
        JsonNode enabled = body.get("enabled");
        if (enabled != null && enabled.isNull()) {
            throw ApiException.badRequest("enabled cannot be null");
        }
        return new SwitchboardChange(enabled == null ? null : JsonFields.bool(enabled, "enabled"),
                body.has("defaultSwitchboardIntegrationId"), optionalId(body, "defaultSwitchboardIntegrationId"));
    }

    /** A switchboard integration's fields as given: null where the body leaves one out (or, if it may, unsets it). */
    record IntegrationFields(String name, String integrationId, Boolean deliverStandbyEvents, boolean nextGiven,
                             String nextId, boolean historyGiven, Integer messageHistoryCount) {
        SwitchboardIntegration applyTo(SwitchboardIntegration before) {
            return new SwitchboardIntegration(before.id(), name != null ? name : before.name(),
                    integrationId != null ? integrationId : before.integrationId(), before.integrationType(),
                    deliverStandbyEvents != null ? deliverStandbyEvents : before.deliverStandbyEvents(),
                    nextGiven ? nextId : before.nextSwitchboardIntegrationId(),
                    historyGiven ? messageHistoryCount : before.messageHistoryCount());
        }
    }

    static IntegrationFields forIntegrationCreate(ObjectNode body) {
        IntegrationFields fields = integrationFields(body, "A switchboard integration");
        if (fields.name() == null) {
            throw ApiException.badRequest("name is required");
        }
        if (fields.integrationId() == null) {
            throw ApiException.badRequest("integrationId is required: the id of a custom integration of the app");
        }
        return fields;
    }

    static IntegrationFields forIntegrationUpdate(ObjectNode body) {
        return integrationFields(body, "A switchboard integration's change");
    }

    private static IntegrationFields integrationFields(ObjectNode body, String where) {
        JsonFields.allowOnly(body, where, INTEGRATION);
        if (body.hasNonNull("integrationType")) {
            throw ApiException.badRequest("integrationType is not supported: this server links custom "
                    + "integrations, by integrationId");
        }
        String name = null;
        JsonNode nameNode = body.get("name");
        if (nameNode != null) {
            if (!nameNode.isTextual() || !NAME.matcher(nameNode.textValue()).matches()) {
                throw ApiException.badRequest("name must be 1 to 128 letters, digits, '-' or '_'");
            }
            name = nameNode.textValue();
        }
        String integrationId = null;
        if (body.has("integrationId")) {
            integrationId = optionalId(body, "integrationId");
            if (integrationId == null) {
                throw ApiException.badRequest("integrationId cannot be null");
            }
        }
        Boolean standby = null;
        JsonNode standbyNode = body.get("deliverStandbyEvents");
        if (standbyNode != null) {
            if (standbyNode.isNull()) {
                throw ApiException.badRequest("deliverStandbyEvents cannot be null");
            }
            standby = JsonFields.bool(standbyNode, "deliverStandbyEvents");
        }
        JsonNode history = body.get("messageHistoryCount");
        Integer historyCount = history == null || history.isNull() ? null
                : (int) JsonFields.integer(history, "messageHistoryCount", 1, 10);
        return new IntegrationFields(name, integrationId, standby, body.has("nextSwitchboardIntegrationId"),
                optionalId(body, "nextSwitchboardIntegrationId"), history != null, historyCount);
    }

    /** An id field: absent or null answers null; anything but 24 lowercase hex digits is refused. */
    private static String optionalId(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !ID.matcher(value.textValue()).matches()) {
            throw ApiException.badRequest(field + " must be the id of a " + (field.equals("integrationId")
                    ? "custom integration" : "switchboard integration") + " (24 lowercase hex digits) or null");
        }
        return value.textValue();
    }
}
