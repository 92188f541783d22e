package dev.parley.conversations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Timestamps;
import dev.parley.events.EventLog;
import dev.parley.http.JsonFields;
import dev.parley.transfer.ImportInto;
import dev.parley.transfer.Records;
import dev.parley.transfer.TransferSection;
import dev.parley.users.User;
import dev.parley.users.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The app's conversations, then their participants, in exports and imports. An imported conversation keeps its id
 * and times, but not its switchboard state (switchboards are not exported); its participants fill its places.
 */
public final class ConversationTransfer implements TransferSection {
    static final String CONVERSATION = "conversation";
    static final String PARTICIPANT = "participant";
    private static final String DEFAULT_FOR_USER = "defaultForUser";
    private static final String CONVERSATION_ID = "conversationId";
    /** What the API view of a conversation shows beside the fields a creation sets. */
    private static final Set<String> SHOWN_ONLY = Set.of("id", "type", "isDefault", "businessLastRead",
            "lastUpdatedAt", "createdAt", DEFAULT_FOR_USER);

    private final ConversationStore conversations;
    private final Participants participants;
    private final ConversationSequence sequence;
    private final UserStore users;
    private final EventLog events;
    private final Clock clock;

    public ConversationTransfer(ConversationStore conversations, Participants participants,
                                ConversationSequence sequence, UserStore users, EventLog events, Clock clock) {
        this.conversations = conversations;
        this.participants = participants;
        this.sequence = sequence;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<String> kinds() {
        return List.of(CONVERSATION, PARTICIPANT);
    }

    @Override
    public void export(Handle handle, String appId, Consumer<ObjectNode> out) {
        conversations.forEachDefaulted(handle, appId, defaulted -> out.accept(record(defaulted)));
        participants.forEachOfApp(handle, appId, participant -> out.accept(record(participant)));
    }

    @Override
    public Applied apply(Handle handle, ImportInto into, String kind, ObjectNode record) {
        String appId = into.appId();
        boolean withEvents = into.withEvents();
        return kind.equals(CONVERSATION) ? applyConversation(handle, appId, record, withEvents)
                : applyParticipant(handle, appId, record, withEvents);
    }

    private Applied applyConversation(Handle handle, String appId, ObjectNode record, boolean withEvents) {
        String id = Records.id(record, "id");
        String type = record.path("type").asText();
        if (!type.equals(Conversation.PERSONAL) && !type.equals(Conversation.SDK_GROUP)) {
            throw ApiException.badRequest("type must be personal or sdkGroup");
        }
        String defaultForUser = record.hasNonNull(DEFAULT_FOR_USER) ? Records.id(record, DEFAULT_FOR_USER) : null;
        if (record.path("isDefault").asBoolean(false) != (defaultForUser != null)) {
            throw ApiException.badRequest("isDefault must be true exactly when defaultForUser names a user");
        }
        ConversationBodies.ConversationChange details = ConversationBodies.forUpdate(Records.without(record,
                SHOWN_ONLY));
        String createdAt = Timestamps.format(Records.time(record, "createdAt", true));
        String lastUpdatedAt = Timestamps.format(Records.time(record, "lastUpdatedAt", true));
        Conversation blank = new Conversation(id, type, "{}", null, null, defaultForUser != null, null,
                null, null, Timestamps.format(Records.time(record, "businessLastRead", false)), createdAt, createdAt,
                id, 0);
        Conversation conversation = details.applyTo(blank, lastUpdatedAt);
        ConversationStore.Defaulted incoming = new ConversationStore.Defaulted(conversation, defaultForUser);
        Optional<ConversationStore.Defaulted> existing = conversations.findDefaulted(handle, appId, id);
        if (existing.isPresent()) {
            return Records.sameOrRefused(CONVERSATION, record(existing.get()), record(incoming));
        }
        if (defaultForUser != null) {
            users.findById(handle, appId, defaultForUser, true).orElseThrow(UserStore::notFound);
            if (conversations.hasDefault(handle, appId, defaultForUser)) {
                throw ApiException.conflict("The user named by defaultForUser has a default conversation already");
            }
        }
        conversations.insert(handle, appId, conversation, defaultForUser);
        if (withEvents) {
            ConversationSequence.Change change = sequence.lock(handle, appId, id);
            String eventId = change.nextId();
            change.save(ConversationTimes.NONE, clock.instant());
            events.recordInConversation(handle, appId, id, eventId, "conversation:create",
                    ConversationService.payload(conversations.require(handle, appId, id))
                            .put("creationReason", "none"));
        }
        return Applied.CREATED;
    }

    private Applied applyParticipant(Handle handle, String appId, ObjectNode record, boolean withEvents) {
        String id = Records.id(record, "id");
        String conversationId = Records.id(record, CONVERSATION_ID);
        String userId = Records.id(record, "userId");
        long unread = record.has("unreadCount") ? JsonFields.integer(record.get("unreadCount"), "unreadCount", 0,
                Integer.MAX_VALUE) : 0;
        // The user's external id is the user's, read when shown; the record's copy is only compared.
        User user = users.findById(handle, appId, userId, true).orElseThrow(UserStore::notFound);
        Participant incoming = new Participant(id, conversationId, userId, user.externalId(), (int) unread,
                Timestamps.format(Records.time(record, "lastRead", false)));
        Optional<Participant> existing = participants.findInApp(handle, appId, id);
        if (existing.isPresent()) {
            return Records.sameOrRefused(PARTICIPANT, record(existing.get()), record(incoming));
        }
        ConversationSequence.Change change = sequence.lock(handle, appId, conversationId);
        if (participants.findByUserId(handle, appId, conversationId, userId).isPresent()) {
            throw ApiException.conflict("The user is a participant of the conversation under another id");
        }
        if (!ConversationService.PARTICIPANT_SLOTS.take(handle, appId, conversationId)) {
            throw ApiException.badRequest("Too many participants");
        }
        participants.insert(handle, appId, incoming);
        if (withEvents) {
            ObjectNode payload = ConversationService.payload(conversations.require(handle, appId, conversationId));
            payload.set("user", user.truncated());
            String eventId = change.nextId();
            change.save(ConversationTimes.NONE, clock.instant());
            events.recordInConversation(handle, appId, conversationId, eventId, "conversation:join", payload);
        }
        return Applied.CREATED;
    }

    private static ObjectNode record(ConversationStore.Defaulted defaulted) {
        ObjectNode record = Records.of(CONVERSATION, defaulted.conversation());
        if (defaulted.defaultForUser() != null) {
            record.put(DEFAULT_FOR_USER, defaulted.defaultForUser());
        }
        return record;
    }

    private static ObjectNode record(Participant participant) {
        return Records.of(PARTICIPANT, participant).put(CONVERSATION_ID, participant.conversationId());
    }
}
