package dev.parley.integrations;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A custom integration as the API shows it, with its webhook. */
@JsonPropertyOrder({"id", "type", "status", "displayName", "webhooks"})
public record Integration(String id, String type, String status, String displayName, List<Webhook> webhooks) {
    public static final String CUSTOM = "custom";
    public static final String ACTIVE = "active";

    Integration withWebhooks(List<Webhook> theirs) {
        return new Integration(id, type, status, displayName, theirs);
    }

    Integration named(String newName) {
        return new Integration(id, type, status, newName, webhooks);
    }
}
