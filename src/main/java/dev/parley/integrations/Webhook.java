package dev.parley.integrations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A webhook as the API shows it, secret included (upstream answers it on create, get and list alike); the
 * integration it belongs to is known from the path.
 */
@JsonPropertyOrder({"id", "version", "target", "triggers", "secret", "includeFullUser", "includeFullSource"})
public record Webhook(String id, @JsonIgnore String integrationId, String version, String target,
                      List<String> triggers, String secret, boolean includeFullUser, boolean includeFullSource) {
    /** The payload version of every webhook made through the v2 API. */
    public static final String VERSION = "v2";

    Webhook changedBy(WebhookBodies.WebhookFields change) {
        return new Webhook(id, integrationId, version, change.target() == null ? target : change.target(),
                change.triggers() == null ? triggers : change.triggers(), secret,
                change.includeFullUser() == null ? includeFullUser : change.includeFullUser(),
                change.includeFullSource() == null ? includeFullSource : change.includeFullSource());
    }

    @Override
    public String toString() {
        return "Webhook[" + id + "]";
    }
}
