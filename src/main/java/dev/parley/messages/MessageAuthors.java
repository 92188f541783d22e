package dev.parley.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.conversations.Participant;
import dev.parley.conversations.Participants;
import dev.parley.http.Json;
import dev.parley.messages.content.Author;
import dev.parley.users.UserStore;
import org.jdbi.v3.core.Handle;

/** Checks a posted author against the conversation: a user author must take part in it. */
public final class MessageAuthors {
    private final Participants participants;
    private final UserStore users;

    public MessageAuthors(Participants participants, UserStore users) {
        this.participants = participants;
        this.users = users;
    }

    /**
     * The author as messages show it (a user by id, whichever id was posted), and as webhook payloads carry it
     * (with the user, truncated).
     *
     * @param userId the author's user id, or null for the business
     */
    record Resolved(ObjectNode json, ObjectNode webhook, String userId) {
    }

    Resolved resolve(Handle handle, String appId, String conversationId, Author author) {
        ObjectNode json = Json.mapper().createObjectNode().put("type", author.type());
        if (!author.subtypes().isEmpty()) {
            json.putArray("subtypes").add(author.subtypes().get(0));
        }
        if (!author.isUser()) {
            putDisplay(json, author);
            return new Resolved(json, json, null);
        }
        Participant participant = (author.userId() != null
                ? participants.findByUserId(handle, appId, conversationId, author.userId())
                : participants.findByUserExternalId(handle, appId, conversationId, author.userExternalId()))
                .orElseThrow(() -> ApiException.badRequest("author: the user is not a participant of the "
                        + "conversation"));
        json.put("userId", participant.userId());
        putDisplay(json, author);
        ObjectNode webhook = json.deepCopy();
        webhook.set("user", users.findById(handle, appId, participant.userId(), false)
                .orElseThrow(UserStore::notFound).truncated());
        return new Resolved(json, webhook, participant.userId());
    }

    private static void putDisplay(ObjectNode json, Author author) {
        if (author.displayName() != null) {
            json.put("displayName", author.displayName());
        }
        if (author.avatarUrl() != null) {
            json.put("avatarUrl", author.avatarUrl());
        }
    }
}
