package dev.parley.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.JsonFields;
import dev.parley.integrations.WebhookBodies.WebhookFields;
import java.util.Set;

/** Integration request bodies (the API's, and the dashboard's forms as JSON); custom integrations only. */
public final class IntegrationBodies {
    private static final Set<String> CREATABLE = Set.of("type", "displayName", "webhooks");
    private static final Set<String> UPDATABLE = Set.of("displayName");

    private IntegrationBodies() {
    }

    /** A new custom integration: its name (or null) and its one webhook. */
    public record NewIntegration(String displayName, WebhookFields webhook) {
    }

    public static NewIntegration forCreate(ObjectNode body) {
        JsonNode type = body.get("type");
        if (type == null || type.isNull()) {
            throw ApiException.badRequest("type is required; this server supports the integration types: "
                    + Integration.CUSTOM);
        }
        if (!type.isTextual() || !type.textValue().equals(Integration.CUSTOM)) {
            throw ApiException.badRequest("Invalid integration type: this server supports the integration types: "
                    + Integration.CUSTOM);
        }
        JsonFields.allowOnly(body, "A custom integration", CREATABLE);
        String displayName = body.has("displayName") && !body.get("displayName").isNull()
                ? JsonFields.displayName(body, "displayName", true).orElseThrow() : null;
        JsonNode webhooks = body.get("webhooks");
        if (webhooks == null || !webhooks.isArray() || webhooks.size() != 1) {
            throw ApiException.badRequest("webhooks must be an array of exactly one webhook for a custom "
                    + "integration");
        }
        return new NewIntegration(displayName, WebhookBodies.forCreate(webhooks.get(0), "webhooks[0]"));
    }

    /** A change of name: none when the body leaves it out; null unsets it. */
    public record NameChange(boolean given, String displayName) {
        Integration applyTo(Integration integration) {
            return given ? integration.named(displayName) : integration;
        }
    }

    public static NameChange forUpdate(ObjectNode body) {
        JsonFields.allowOnly(body, "A custom integration's change", UPDATABLE);
        if (!body.has("displayName")) {
            return new NameChange(false, null);
        }
        return new NameChange(true, body.get("displayName").isNull() ? null
                : JsonFields.displayName(body, "displayName", true).orElseThrow());
    }
}
