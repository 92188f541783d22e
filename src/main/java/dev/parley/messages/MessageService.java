package dev.parley.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.apps.AppAccess;
import dev.parley.auth.Action;
import dev.parley.auth.Principal;
import dev.parley.conversations.Conversation;
import dev.parley.conversations.ConversationSequence;
import dev.parley.conversations.ConversationStore;
import dev.parley.conversations.ConversationTimes;
import dev.parley.conversations.Participants;
import dev.parley.crypto.IdGenerator;
import dev.parley.events.EventLog;
import dev.parley.http.Json;
import dev.parley.messages.content.ActivityPost;
import dev.parley.messages.content.MessagePost;
import dev.parley.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * A conversation's messages and activity. Each change locks only its conversation's row, so posts to one
 * conversation take their turns (and their ids keep one order) while posts to the app's other conversations go on
 * beside them. Activity (typing, reads) is recorded as events, never as messages.
 */
public final class MessageService {
    private static final String SOURCE_TYPE = "api:conversations";

    private final Database database;
    private final AppAccess apps;
    private final ConversationStore conversations;
    private final ConversationSequence sequence;
    private final Participants participants;
    private final MessageAuthors authors;
    private final MessageStore messages;
    private final MessageMedia media;
    private final EventLog events;
    private final Clock clock;

    public MessageService(Database database, AppAccess apps, ConversationStore conversations,
                          ConversationSequence sequence, Participants participants, MessageAuthors authors,
                          MessageStore messages, MessageMedia media, EventLog events, Clock clock) {
        this.database = database;
        this.apps = apps;
        this.conversations = conversations;
        this.sequence = sequence;
        this.participants = participants;
        this.authors = authors;
        this.messages = messages;
        this.media = media;
        this.events = events;
        this.clock = clock;
    }

    /** Posts the message and records conversation:message with the next id of the conversation after it. */
    public Message post(Principal caller, String appId, String conversationId, Supplier<MessagePost> body) {
        return database.inTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            MessagePost post = body.get();
            ConversationSequence.Change change = sequence.lock(handle, appId, conversationId);
            Conversation conversation = change.conversation();
            if (post.silent() && !conversation.type().equals(Conversation.PERSONAL)) {
                throw ApiException.badRequest("destination applies only to personal conversations");
            }
            MessageAuthors.Resolved author = authors.resolve(handle, appId, conversationId, post.author());
            Instant now = clock.instant();
            String messageId = change.nextId();
            ObjectNode content = post.content();
            if (content.path("mediaUrl").isTextual()) {
                media.attach(handle, appId, conversationId, messageId, content.get("mediaUrl").textValue())
                        .ifPresent(facts -> content.put("mediaType", facts.mediaType()).put("mediaSize", facts.size()));
            }
            Message message = new Message(messageId, Timestamps.format(now), author.json().toString(),
                    content.toString(), source(caller), post.metadata());
            String eventId = change.nextId();
            change.save(author.userId() != null ? ConversationTimes.USER_MESSAGE : ConversationTimes.UPDATED, now);
            messages.insert(handle, appId, conversationId, message, now);
            participants.addUnread(handle, appId, conversationId, author.userId());
            ObjectNode payload = payload(conversation);
            ObjectNode webhookMessage = Json.mapper().valueToTree(message);
            webhookMessage.set("author", author.webhook());
            payload.set("message", webhookMessage);
            events.recordInConversation(handle, appId, conversationId, eventId, "conversation:message", payload);
            return message;
        });
    }

    /**
     * Posts typing:start, typing:stop or conversation:read as an event; a read also clears the reader's unread
     * count (a participant's) or sets the conversation's businessLastRead.
     */
    public void postActivity(Principal caller, String appId, String conversationId, Supplier<ActivityPost> body) {
        database.inTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            ActivityPost activity = body.get();
            ConversationSequence.Change change = sequence.lock(handle, appId, conversationId);
            MessageAuthors.Resolved author = authors.resolve(handle, appId, conversationId, activity.author());
            Instant now = clock.instant();
            boolean read = activity.type().equals(ActivityPost.READ);
            if (read && author.userId() != null) {
                participants.markRead(handle, appId, conversationId, author.userId(), now);
            }
            String eventId = change.nextId();
            change.save(read && author.userId() == null ? ConversationTimes.READ_BY_BUSINESS : ConversationTimes.ACTIVITY,
                    now);
            ObjectNode payload = payload(change.conversation());
            ObjectNode recorded = payload.putObject("activity").put("type", activity.type());
            recorded.set("author", author.webhook());
            recorded.putObject("source").put("type", SOURCE_TYPE);
            events.recordInConversation(handle, appId, conversationId, eventId,
                    read ? "conversation:read" : "conversation:typing", payload);
            return null;
        });
    }

    /** A page of the conversation's messages (see {@link MessagePages}); upstream answers a 404 not_found. */
    public Page<Message> list(Principal caller, String appId, String conversationId, PageRequest page) {
        return database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            if (conversations.find(handle, appId, conversationId).isEmpty()) {
                throw ApiException.notFound("Conversation not found");
            }
            return messages.page(handle, appId, conversationId, page);
        });
    }

    /** Deletes one message, recording conversation:message:delete. */
    public void delete(Principal caller, String appId, String conversationId, String messageId) {
        database.inTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            ConversationSequence.Change change = sequence.lock(handle, appId, conversationId);
            if (!IdGenerator.isId(messageId) || !messages.delete(handle, appId, conversationId, messageId)) {
                throw new ApiException(404, "message_not_found", "Message not found");
            }
            ObjectNode payload = payload(change.conversation());
            payload.putObject("message").put("id", messageId);
            recordChange(handle, appId, change, "conversation:message:delete", payload);
            return null;
        });
    }

    /** Deletes every message of the conversation, recording conversation:messages:delete. */
    public void deleteAll(Principal caller, String appId, String conversationId) {
        database.inTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            ConversationSequence.Change change = sequence.lock(handle, appId, conversationId);
            messages.deleteAll(handle, appId, conversationId);
            recordChange(handle, appId, change, "conversation:messages:delete", payload(change.conversation()));
            return null;
        });
    }

    private void recordChange(Handle handle, String appId, ConversationSequence.Change change, String type,
                              ObjectNode payload) {
        String eventId = change.nextId();
        change.save(ConversationTimes.UPDATED, clock.instant());
        events.recordInConversation(handle, appId, change.conversation().id(), eventId, type, payload);
    }

    /**
     * Where a posted message comes from: the API, and the integration whose key posted it (upstream's
     * {@code source.integrationId}, which receivers use to tell their own messages from others').
     */
    private static String source(Principal caller) {
        ObjectNode source = Json.mapper().createObjectNode().put("type", SOURCE_TYPE);
        if (caller.integrationId() != null) {
            source.put("integrationId", caller.integrationId());
        }
        return source.toString();
    }

    /** An event payload that starts with the conversation, truncated as upstream's webhooks carry it. */
    static ObjectNode payload(Conversation conversation) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.set("conversation", conversation.truncated());
        return payload;
    }
}
