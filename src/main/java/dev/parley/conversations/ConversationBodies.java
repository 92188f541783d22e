package dev.parley.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.BoundedText;
import dev.parley.http.JsonFields;
import dev.parley.http.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Conversation and participant request bodies, checked field by field as upstream limits them. */
public final class ConversationBodies {
    public static final int MAX_PARTICIPANTS = 10;
    private static final Set<String> DETAILS = Set.of("displayName", "description", "iconUrl", "metadata");
    private static final Set<String> CREATABLE = Set.of("type", "participants", "displayName", "description",
            "iconUrl", "metadata");
    private static final Set<String> PARTICIPANT = Set.of("userId", "userExternalId", "subscribeSDKClient");
    private static final Set<String> LEAVING = Set.of("userId", "userExternalId", "participantId");

    private ConversationBodies() {
    }

    /** A user named by its id or by its external id (exactly one of them). */
    public record UserRef(String userId, String userExternalId) {
    }

    public record NewConversation(String type, List<UserRef> participants, ConversationChange details) {
    }

    /**
     * Details to set; each null when left as it is, an empty Optional to unset it.
     *
     * @param metadata the metadata as stored, or null when left as it is
     */
    public record ConversationChange(Optional<String> displayName, Optional<String> description,
                                     Optional<String> iconUrl, String metadata) {
        Conversation applyTo(Conversation conversation, String lastUpdatedAt) {
            return conversation.withDetails(
                    displayName == null ? conversation.displayName() : displayName.orElse(null),
                    description == null ? conversation.description() : description.orElse(null),
                    iconUrl == null ? conversation.iconUrl() : iconUrl.orElse(null),
                    metadata == null ? conversation.metadata() : metadata, lastUpdatedAt);
        }
    }

    /** Who leaves: a user (by id or external id) or a participant id. */
    public record Leaving(UserRef user, String participantId) {
    }

    public static NewConversation forCreate(ObjectNode body) {
        JsonFields.allowOnly(body, "The conversation", CREATABLE);
        JsonNode type = body.get("type");
        if (type == null || type.isNull()) {
            throw ApiException.badRequest("type is required");
        }
        if (!type.isTextual() || !(type.textValue().equals(Conversation.PERSONAL)
                || type.textValue().equals(Conversation.SDK_GROUP))) {
            throw ApiException.badRequest("type must be personal or sdkGroup");
        }
        List<UserRef> participants = participants(body.get("participants"));
        if (type.textValue().equals(Conversation.PERSONAL) && participants.size() != 1) {
            throw ApiException.badRequest("A personal conversation must have exactly one participant");
        }
        return new NewConversation(type.textValue(), participants, details(body));
    }

    public static ConversationChange forUpdate(ObjectNode body) {
        JsonFields.allowOnly(body, "The conversation", DETAILS);
        return details(body);
    }

    public static UserRef forJoin(ObjectNode body) {
        return participant(body, "The participant");
    }

    public static Leaving forLeave(ObjectNode body) {
        JsonFields.allowOnly(body, "The request", LEAVING);
        int named = (body.hasNonNull("userId") ? 1 : 0) + (body.hasNonNull("userExternalId") ? 1 : 0)
                + (body.hasNonNull("participantId") ? 1 : 0);
        if (named != 1) {
            throw ApiException.badRequest("Give exactly one of userId, userExternalId and participantId");
        }
        Optional<String> participantId = BoundedText.optional(body.get("participantId"), "participantId", 1, 1024);
        return participantId.isPresent() ? new Leaving(null, participantId.get())
                : new Leaving(userRef(body, "userId", "userExternalId"), null);
    }

    private static List<UserRef> participants(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("participants must be an array");
        }
        if (node.size() > MAX_PARTICIPANTS) {
            throw ApiException.badRequest("Too many participants: a conversation has at most " + MAX_PARTICIPANTS);
        }
        List<UserRef> refs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!(node.get(i) instanceof ObjectNode participant)) {
                throw ApiException.badRequest("participants[" + i + "] must be an object");
            }
            refs.add(participant(participant, "participants[" + i + "]"));
        }
        return refs;
    }

    private static UserRef participant(ObjectNode node, String where) {
        JsonFields.allowOnly(node, where, PARTICIPANT);
        if (node.hasNonNull("subscribeSDKClient")) {
            JsonFields.bool(node.get("subscribeSDKClient"), "subscribeSDKClient");
        }
        if (node.hasNonNull("userId") == node.hasNonNull("userExternalId")) {
            throw ApiException.badRequest(where + " must give exactly one of userId and userExternalId");
        }
        return userRef(node, "userId", "userExternalId");
    }

    private static UserRef userRef(ObjectNode node, String idField, String externalIdField) {
        return new UserRef(BoundedText.optional(node.get(idField), idField, 1, 1024).orElse(null),
                BoundedText.optional(node.get(externalIdField), externalIdField, 1, 1024).orElse(null));
    }

    private static ConversationChange details(ObjectNode body) {
        return new ConversationChange(text(body, "displayName", 100), text(body, "description", 100),
                text(body, "iconUrl", 2048),
                body.has("metadata") ? metadata(body.get("metadata")) : null);
    }

    private static Optional<String> text(ObjectNode body, String field, int max) {
        return body.has(field) ? BoundedText.optional(body.get(field), field, 1, max) : null;
    }

    /** Metadata as stored: never null, an empty object for none. */
    static String metadata(JsonNode node) {
        String json = Metadata.flat(node, "metadata", "Conversation");
        return json.isEmpty() ? "{}" : json;
    }
}
