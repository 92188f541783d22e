package dev.parley.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Timestamps;
import dev.parley.conversations.ConversationSequence;
import dev.parley.conversations.ConversationStore;
import dev.parley.conversations.ConversationTimes;
import dev.parley.events.EventLog;
import dev.parley.http.Json;
import dev.parley.messages.content.MessageContent;
import dev.parley.messages.content.MessagePost;
import dev.parley.transfer.ImportInto;
import dev.parley.transfer.Records;
import dev.parley.transfer.TransferSection;
import dev.parley.users.User;
import dev.parley.users.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The app's messages in exports and imports, conversation by conversation, each one's in id order. An imported
 * message keeps its id and {@code received}; its conversation counts its id as given, so messages posted after the
 * import sort after it.
 */
public final class MessageTransfer implements TransferSection {
    static final String MESSAGE = "message";
    private static final String CONVERSATION_ID = "conversationId";

    private final ConversationStore conversations;
    private final ConversationSequence sequence;
    private final MessageStore messages;
    private final UserStore users;
    private final EventLog events;
    private final Clock clock;

    public MessageTransfer(ConversationStore conversations, ConversationSequence sequence, MessageStore messages,
                           UserStore users, EventLog events, Clock clock) {
        this.conversations = conversations;
        this.sequence = sequence;
        this.messages = messages;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<String> kinds() {
        return List.of(MESSAGE);
    }

    @Override
    public void export(Handle handle, String appId, Consumer<ObjectNode> out) {
        conversations.forEachId(handle, appId, conversationId -> messages.forEachOf(handle, appId, conversationId,
                message -> out.accept(record(conversationId, message))));
    }

    @Override
    public Applied apply(Handle handle, ImportInto into, String kind, ObjectNode record) {
        String appId = into.appId();
        boolean withEvents = into.withEvents();
        String id = Records.id(record, "id");
        String conversationId = Records.id(record, CONVERSATION_ID);
        Instant received = Records.time(record, "received", true);
        ObjectNode posted = Json.mapper().createObjectNode();
        posted.set("author", record.get("author"));
        posted.set("content", MessageContent.withoutServerFields(record.get("content")));
        posted.set("metadata", record.get("metadata"));
        MessagePost post = MessagePost.of(posted);
        Message message = new Message(id, Timestamps.format(received), record.get("author").toString(),
                MessageContent.withServerFields(post.content(), record.get("content")).toString(),
                source(record.get("source")), post.metadata());
        Optional<Message> existing = messages.find(handle, appId, conversationId, id);
        if (existing.isPresent()) {
            return Records.sameOrRefused(MESSAGE, record(conversationId, existing.get()),
                    record(conversationId, message));
        }
        User author = post.author().userId() == null ? null
                : users.findById(handle, appId, post.author().userId(), false).orElseThrow(UserStore::notFound);
        if (post.author().isUser() && author == null) {
            throw ApiException.badRequest("author: a user author of an imported message is named by its userId");
        }
        ConversationSequence.Change change = sequence.lock(handle, appId, conversationId);
        messages.insert(handle, appId, conversationId, message, received);
        change.include(id);
        String eventId = withEvents ? change.nextId() : null;
        change.save(ConversationTimes.NONE, clock.instant());
        if (withEvents) {
            ObjectNode payload = MessageService.payload(change.conversation());
            ObjectNode webhookMessage = Json.mapper().valueToTree(message);
            ObjectNode webhookAuthor = record.get("author").deepCopy();
            if (author != null) {
                webhookAuthor.set("user", author.truncated());
            }
            webhookMessage.set("author", webhookAuthor);
            payload.set("message", webhookMessage);
            events.recordInConversation(handle, appId, conversationId, eventId, "conversation:message", payload);
        }
        return Applied.CREATED;
    }

    private static String source(JsonNode source) {
        if (source == null || !source.isObject() || !source.path("type").isTextual()) {
            throw ApiException.badRequest("source must be an object with its type");
        }
        return source.toString();
    }

    private static ObjectNode record(String conversationId, Message message) {
        return Records.of(MESSAGE, message).put(CONVERSATION_ID, conversationId);
    }
}
