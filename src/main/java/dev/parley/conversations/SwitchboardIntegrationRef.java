package dev.parley.conversations;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A switchboard integration as a conversation names it: its active or pending one. */
@JsonPropertyOrder({"id", "name", "integrationId", "integrationType"})
public record SwitchboardIntegrationRef(String id, String name, String integrationId, String integrationType) {
}
