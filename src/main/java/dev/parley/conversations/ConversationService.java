package dev.parley.conversations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.apps.App;
import dev.parley.apps.AppAccess;
import dev.parley.apps.AppStore;
import dev.parley.auth.Action;
import dev.parley.auth.Principal;
import dev.parley.conversations.ConversationBodies.Leaving;
import dev.parley.conversations.ConversationBodies.NewConversation;
import dev.parley.conversations.ConversationBodies.UserRef;
import dev.parley.crypto.IdGenerator;
import dev.parley.events.EventLog;
import dev.parley.http.Json;
import dev.parley.store.Database;
import dev.parley.store.DatabaseFailure;
import dev.parley.store.LimitedCounter;
import dev.parley.users.User;
import dev.parley.users.UserStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The rules for an app's conversations and their participants; each change records its event in its transaction,
 * with an id from the conversation's sequence.
 */
public final class ConversationService {
    /** An sdkGroup's places, taken by joins and given back by leaves under the conversation row's lock. */
    static final LimitedCounter PARTICIPANT_SLOTS = new LimitedCounter("conversations", "participant_count",
            String.valueOf(ConversationBodies.MAX_PARTICIPANTS));

    private final Database database;
    private final AppAccess access;
    private final AppStore apps;
    private final ConversationStore conversations;
    private final Participants participants;
    private final ConversationSequence sequence;
    private final UserStore users;
    private final EventLog events;
    private final IdGenerator ids;
    private final Clock clock;

    public ConversationService(Database database, AppAccess access, AppStore apps, ConversationStore conversations,
                               Participants participants, ConversationSequence sequence, UserStore users,
                               EventLog events, IdGenerator ids, Clock clock) {
        this.database = database;
        this.access = access;
        this.apps = apps;
        this.conversations = conversations;
        this.participants = participants;
        this.sequence = sequence;
        this.users = users;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Creates the conversation with its participants, and records {@code conversation:create}. The participants'
     * rows stay locked until the end, so a user's concurrent personal conversations are decided in turn.
     */
    public Conversation create(Principal caller, String appId, Supplier<NewConversation> body) {
        return database.inTransaction(handle -> {
            access.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            NewConversation created = body.get();
            List<User> members = lockInIdOrder(handle, appId, created.participants());
            boolean personal = created.type().equals(Conversation.PERSONAL);
            String defaultFor = null;
            if (personal) {
                User user = members.get(0);
                if (!conversations.hasPersonal(handle, appId, user.id())) {
                    defaultFor = user.id();
                } else if (!multiConvoEnabled(handle, appId)) {
                    throw ApiException.conflict("User already has a personal conversation, and the app's "
                            + "multiConvoEnabled setting is off");
                }
            }
            String now = Timestamps.format(clock.instant());
            String eventId = sequence.first();
            Conversation blank = new Conversation(ids.next(), created.type(), "{}", null, null, defaultFor != null, null, null,
                    null, null, now, now, eventId, members.size());
            Conversation details = created.details().applyTo(blank, now);
            conversations.insert(handle, appId, details, defaultFor);
            for (User member : members) {
                participants.insert(handle, appId, details.id(), ids.next(), member.id());
            }
            Conversation conversation = conversations.require(handle, appId, details.id());
            ObjectNode payload = payload(conversation).put("creationReason", "none");
            if (personal) {
                payload.set("user", members.get(0).truncated());
            }
            events.recordInConversation(handle, appId, conversation.id(), eventId, "conversation:create", payload);
            return conversation;
        });
    }

    /** The conversations of the user named by exactly one of the two filters. */
    public Page<Conversation> listOfUser(Principal caller, String appId, UserRef user, PageRequest page) {
        return database.withoutTransaction(handle -> {
            access.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            String userId = user(handle, appId, user, false).orElseThrow(UserStore::notFound).id();
            return conversations.listOfUser(handle, appId, userId, page);
        });
    }

    /**
     * A page of the app's conversations, most recently active first: the first page, or the page after
     * {@code older} (less recently active), or the page before {@code newer} (more recently active).
     */
    public ActivityPage listByActivity(Principal caller, String appId, ActivityCursor older, ActivityCursor newer,
                                       int size) {
        return database.withoutTransaction(handle -> {
            access.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            boolean backwards = newer != null;
            ActivityCursor from = backwards ? newer : older == null ? ActivityCursor.BEFORE_EVERY_PLACE : older;
            List<ActiveConversation> fetched = conversations.listByActivity(handle, appId, from, backwards, size + 1);
            boolean more = fetched.size() > size;
            List<ActiveConversation> items = new ArrayList<>(fetched.subList(0, Math.min(size, fetched.size())));
            if (backwards) {
                Collections.reverse(items);
            }
            return ActivityPage.of(items, backwards ? more : older != null, backwards || more);
        });
    }

    public Conversation get(Principal caller, String appId, String conversationId) {
        return database.withoutTransaction(handle -> {
            access.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            return conversations.require(handle, appId, conversationId);
        });
    }

    public Conversation update(Principal caller, String appId, String conversationId,
                               Supplier<ConversationBodies.ConversationChange> body) {
        return database.inTransaction(handle -> {
            access.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            Conversation conversation = conversations.lockForWrite(handle, appId, conversationId);
            Conversation updated = body.get().applyTo(conversation, Timestamps.format(clock.instant()));
            conversations.updateDetails(handle, appId, updated);
            return conversations.require(handle, appId, conversationId);
        });
    }

    /** Deletes the conversation with its participants and messages, and records {@code conversation:remove}. */
    public void delete(Principal caller, String appId, String conversationId) {
        database.inTransaction(handle -> {
            access.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            ConversationSequence.Change change = sequence.lock(handle, appId, conversationId);
            if (change.conversation().isDefault()) {
                throw ApiException.badRequest("The default conversation of a user cannot be deleted");
            }
            Conversation conversation = conversations.require(handle, appId, conversationId);
            String eventId = change.nextId();
            conversations.delete(handle, appId, conversation.id());
            events.recordInConversation(handle, appId, conversation.id(), eventId, "conversation:remove",
                    payload(conversation));
            return null;
        });
    }

    /** Adds the user to an sdkGroup conversation, within its ten places, and records {@code conversation:join}. */
    public Participant join(Principal caller, String appId, String conversationId, Supplier<UserRef> body) {
        return database.inTransaction(handle -> {
            access.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            UserRef joining = body.get();
            // Users before conversations, as everywhere: a user's deletion locks its row, then its conversations.
            User user = user(handle, appId, joining, true).orElseThrow(UserStore::notFound);
            ConversationSequence.Change change = groupForChange(handle, appId, conversationId);
            Conversation conversation = change.conversation();
            if (participants.findByUserId(handle, appId, conversation.id(), user.id()).isPresent()) {
                throw ApiException.conflict("User is already a participant of the conversation");
            }
            if (!PARTICIPANT_SLOTS.take(handle, appId, conversation.id())) {
                throw ApiException.badRequest("Too many participants");
            }
            String participantId = ids.next();
            participants.insert(handle, appId, conversation.id(), participantId, user.id());
            record(handle, appId, change, "conversation:join", user.truncated());
            return participants.findById(handle, appId, conversation.id(), participantId).orElseThrow();
        });
    }

    /** Removes a participant from an sdkGroup conversation, and records {@code conversation:leave}. */
    public void leave(Principal caller, String appId, String conversationId, Supplier<Leaving> body) {
        database.inTransaction(handle -> {
            access.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            ConversationSequence.Change change = groupForChange(handle, appId, conversationId);
            Conversation conversation = change.conversation();
            Leaving leaving = body.get();
            Optional<Participant> found = leaving.participantId() != null
                    ? participants.findById(handle, appId, conversation.id(), leaving.participantId())
                    : leaving.user().userId() != null
                    ? participants.findByUserId(handle, appId, conversation.id(), leaving.user().userId())
                    : participants.findByUserExternalId(handle, appId, conversation.id(),
                    leaving.user().userExternalId());
            Participant participant = found.orElseThrow(
                    () -> ApiException.notFound("User is not a member of the conversation"));
            participants.delete(handle, appId, participant.id());
            PARTICIPANT_SLOTS.release(handle, appId, conversation.id());
            record(handle, appId, change, "conversation:leave",
                    User.truncated(participant.userId(), participant.userExternalId()));
            return null;
        });
    }

    public Page<Participant> listParticipants(Principal caller, String appId, String conversationId,
                                              PageRequest page) {
        return database.withoutTransaction(handle -> {
            access.require(handle, caller, Action.MANAGE_CONVERSATIONS, appId);
            return participants.list(handle, appId, conversations.require(handle, appId, conversationId).id(), page);
        });
    }

    private ConversationSequence.Change groupForChange(Handle handle, String appId, String conversationId) {
        ConversationSequence.Change change = sequence.lock(handle, appId, conversationId);
        if (!change.conversation().type().equals(Conversation.SDK_GROUP)) {
            throw ApiException.badRequest("Only sdkGroup conversations can be joined or left");
        }
        return change;
    }

    private void record(Handle handle, String appId, ConversationSequence.Change change, String type,
                        ObjectNode user) {
        ObjectNode payload = payload(conversations.require(handle, appId, change.conversation().id()));
        payload.set("user", user);
        String eventId = change.nextId();
        change.save(ConversationTimes.NONE, clock.instant());
        events.recordInConversation(handle, appId, change.conversation().id(), eventId, type, payload);
    }

    static ObjectNode payload(Conversation conversation) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.set("conversation", conversation.json());
        return payload;
    }

    /**
     * The users, their rows locked in the order of their ids, so that two creations naming the same users never
     * wait for each other in a circle; 404 {@code user_not_found} for any that does not exist.
     */
    private List<User> lockInIdOrder(Handle handle, String appId, List<UserRef> refs) {
        List<String> ids = new ArrayList<>();
        for (UserRef ref : refs) {
            ids.add(user(handle, appId, ref, false).orElseThrow(UserStore::notFound).id());
        }
        if (new HashSet<>(ids).size() < ids.size()) {
            throw ApiException.badRequest("participants name one user more than once");
        }
        List<User> locked = new ArrayList<>();
        for (String id : ids.stream().sorted().toList()) {
            locked.add(users.findById(handle, appId, id, true).orElseThrow(UserStore::notFound));
        }
        return locked;
    }

    private Optional<User> user(Handle handle, String appId, UserRef ref, boolean lock) {
        return ref.userId() != null ? users.findById(handle, appId, ref.userId(), lock)
                : users.findByExternalId(handle, appId, ref.userExternalId(), lock);
    }

    private boolean multiConvoEnabled(Handle handle, String appId) {
        try {
            return apps.find(handle.getConnection(), appId).map(App::settings).orElseThrow(ApiException::appNotFound)
                    .multiConvoEnabled();
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        }
    }
}
