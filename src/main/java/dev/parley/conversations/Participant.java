package dev.parley.conversations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A user's membership of a conversation, as the API shows it. Parley links no channels yet, so a participant has
 * no client associations.
 *
 * @param lastRead when the user last read the conversation, as answers carry it, or null
 */
public record Participant(
        String id,
        @JsonIgnore String conversationId,
        String userId,
        String userExternalId,
        int unreadCount,
        String lastRead) {

    @JsonProperty
    public List<Object> clientAssociations() {
        return List.of();
    }
}
