package dev.parley.switchboards;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An app's switchboard as the API shows it. */
@JsonPropertyOrder({"id", "enabled", "defaultSwitchboardIntegrationId"})
public record Switchboard(String id, boolean enabled, String defaultSwitchboardIntegrationId) {
}
