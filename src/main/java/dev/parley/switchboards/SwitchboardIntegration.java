package dev.parley.switchboards;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A switchboard integration as the API shows it: one custom integration's place on the app's switchboard. */
@JsonPropertyOrder({"id", "name", "integrationId", "integrationType", "deliverStandbyEvents",
        "nextSwitchboardIntegrationId", "messageHistoryCount"})
public record SwitchboardIntegration(String id, String name, String integrationId, String integrationType,
                                     boolean deliverStandbyEvents, String nextSwitchboardIntegrationId,
                                     Integer messageHistoryCount) {
    /** Parley links custom integrations only, by their id. */
    static final String CUSTOM = "custom";
}
