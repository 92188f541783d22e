package dev.parley.conversations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.Json;

/**
 * A conversation as stored and as the API shows it; timestamps as answers carry them.
 *
 * @param metadata       the metadata object as JSON text, never null
 * @param activeSwitchboardIntegration  the switchboard integration in control of it, or null (none, or not read)
 * @param pendingSwitchboardIntegration the one offered control, or null
 * @param lastSequenceId the newest id given to one of its messages or events (see {@link ConversationSequence})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conversation(
        String id,
        String type,
        @JsonRawValue String metadata,
        SwitchboardIntegrationRef activeSwitchboardIntegration,
        SwitchboardIntegrationRef pendingSwitchboardIntegration,
        @JsonProperty("isDefault") boolean isDefault,
        String displayName,
        String description,
        String iconUrl,
        String businessLastRead,
        String lastUpdatedAt,
        String createdAt,
        @JsonIgnore String lastSequenceId,
        @JsonIgnore int participantCount) {

    public static final String PERSONAL = "personal";
    public static final String SDK_GROUP = "sdkGroup";

    /** The conversation as answers and event payloads carry it, as a JSON tree. */
    public ObjectNode json() {
        try {
            return (ObjectNode) Json.mapper().readTree(Json.mapper().writeValueAsString(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a conversation could not be written", e);
        }
    }

    /** The conversation as the webhook payloads of its messages and activity carry it (conversationTruncated). */
    public ObjectNode truncated() {
        ObjectNode full = json();
        ObjectNode truncated = Json.mapper().createObjectNode().put("id", id).put("type", type);
        truncated.set("metadata", full.get("metadata"));
        return truncated;
    }

    public Conversation withDetails(String newDisplayName, String newDescription, String newIconUrl,
                                    String newMetadata, String newLastUpdatedAt) {
        return new Conversation(id, type, newMetadata, activeSwitchboardIntegration,
                pendingSwitchboardIntegration, isDefault, newDisplayName, newDescription, newIconUrl,
                businessLastRead, newLastUpdatedAt, createdAt, lastSequenceId, participantCount);
    }
}
