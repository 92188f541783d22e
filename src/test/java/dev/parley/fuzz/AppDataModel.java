package dev.parley.fuzz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one app holds, for {@link TenantIsolationModelTest}: its users, conversations with their participants and
 * messages, and the types of its event log, oldest first; with the cascades the README promises ("Users,
 * conversations and participants", "Messages and activity"). It also remembers every id the app's data ever had,
 * so that no answer about another app may carry one of them.
 */
final class AppDataModel {
    static final String PERSONAL = "personal";
    static final String SDK_GROUP = "sdkGroup";
    static final int MAX_PARTICIPANTS = 10;

    static final class User {
        final String id;
        final String externalId;
        final String label;
        String givenName;

        User(String id, String externalId, String label, String givenName) {
            this.id = id;
            this.externalId = externalId;
            this.label = label;
            this.givenName = givenName;
        }
    }

    static final class Conversation {
        final String id;
        final String type;
        final String label;
        /** The user whose first personal conversation this is (it cannot be deleted), else null. */
        final String defaultFor;
        /** The participants' user ids, in the order of their participant ids. */
        final List<String> participants = new ArrayList<>();
        /** Message ids, oldest first. */
        final List<String> messages = new ArrayList<>();
        String displayName;

        Conversation(String id, String type, String label, String defaultFor, String displayName) {
            this.id = id;
            this.type = type;
            this.label = label;
            this.defaultFor = defaultFor;
            this.displayName = displayName;
        }
    }

    final String label;
    final Map<String, User> users = new LinkedHashMap<>();
    final Map<String, Conversation> conversations = new LinkedHashMap<>();
    /** Message id to its label, for transcripts. */
    final Map<String, String> messageLabels = new LinkedHashMap<>();
    /** The event log's types, oldest first. */
    final List<String> events = new ArrayList<>();
    /** Every id of this app's data, deleted ones too. */
    final Set<String> everyId = new TreeSet<>();
    private int usersMade;
    private int conversationsMade;
    private int messagesMade;

    AppDataModel(String label) {
        this.label = label;
    }

    /** The user a path names, found as the server finds it: by id first, then by external id. */
    Optional<User> user(String idOrExternalId) {
        User byId = users.get(idOrExternalId);
        if (byId != null) {
            return Optional.of(byId);
        }
        return users.values().stream().filter(user -> idOrExternalId.equals(user.externalId)).findFirst();
    }

    Optional<User> userByExternalId(String externalId) {
        return users.values().stream().filter(user -> externalId.equals(user.externalId)).findFirst();
    }

    boolean hasPersonal(String userId) {
        return conversations.values().stream()
                .anyMatch(c -> c.type.equals(PERSONAL) && c.participants.contains(userId));
    }

    /** The user's conversations, oldest first. */
    List<Conversation> conversationsOf(String userId) {
        return conversations.values().stream().filter(c -> c.participants.contains(userId))
                .sorted(Comparator.comparing(c -> c.id)).toList();
    }

    Optional<Conversation> conversationOfMessage(String messageId) {
        return conversations.values().stream().filter(c -> c.messages.contains(messageId)).findFirst();
    }

    User addUser(String id, String externalId, String givenName) {
        User user = new User(id, externalId, label + ".u" + (++usersMade), givenName);
        users.put(id, user);
        everyId.add(id);
        return user;
    }

    /**
     * Deletes the user with its personal conversations (and their messages), takes it out of its group
     * conversations, and records one {@code user:remove}; answers the personal conversations that went with it.
     */
    List<Conversation> deleteUser(User user) {
        users.remove(user.id);
        List<Conversation> gone = new ArrayList<>();
        for (Conversation conversation : List.copyOf(conversations.values())) {
            if (!conversation.participants.contains(user.id)) {
                continue;
            }
            if (conversation.type.equals(PERSONAL)) {
                conversations.remove(conversation.id);
                gone.add(conversation);
            } else {
                conversation.participants.remove(user.id);
            }
        }
        events.add("user:remove");
        return gone;
    }

    /** A new conversation whose participants are those users, listed in the order of their ids. */
    Conversation addConversation(String id, String type, List<String> participantIds, String displayName) {
        String defaultFor = type.equals(PERSONAL) && !hasPersonal(participantIds.get(0)) ? participantIds.get(0)
                : null;
        Conversation conversation = new Conversation(id, type, label + ".c" + (++conversationsMade), defaultFor,
                displayName);
        conversation.participants.addAll(participantIds.stream().sorted().toList());
        conversations.put(id, conversation);
        everyId.add(id);
        events.add("conversation:create");
        return conversation;
    }

    /** Deletes the conversation with its messages. */
    void deleteConversation(Conversation conversation) {
        conversations.remove(conversation.id);
        events.add("conversation:remove");
    }

    void join(Conversation conversation, String userId, String participantId) {
        conversation.participants.add(userId);
        everyId.add(participantId);
        events.add("conversation:join");
    }

    void leave(Conversation conversation, String userId) {
        conversation.participants.remove(userId);
        events.add("conversation:leave");
    }

    String addMessage(Conversation conversation, String messageId) {
        conversation.messages.add(messageId);
        everyId.add(messageId);
        String messageLabel = conversation.label + ".m" + (++messagesMade);
        messageLabels.put(messageId, messageLabel);
        events.add("conversation:message");
        return messageLabel;
    }

    void deleteMessage(Conversation conversation, String messageId) {
        conversation.messages.remove(messageId);
        events.add("conversation:message:delete");
    }

    /** Deletes every message of the conversation; answers their ids. */
    List<String> deleteAllMessages(Conversation conversation) {
        List<String> gone = List.copyOf(conversation.messages);
        conversation.messages.clear();
        events.add("conversation:messages:delete");
        return gone;
    }

    void activity(boolean read) {
        events.add(read ? "conversation:read" : "conversation:typing");
    }

    // ---- the stored rows the model expects, as TenantIsolationModelTest selects them

    void userRows(String appId, Set<String> rows) {
        users.values().forEach(user -> rows.add(appId + " | " + user.id + " | " + user.externalId + " | "
                + (user.givenName == null ? "{}" : "{\"givenName\":\"" + user.givenName + "\"}")));
    }

    void conversationRows(String appId, Set<String> rows) {
        conversations.values().forEach(c -> rows.add(appId + " | " + c.id + " | " + c.type + " | " + c.defaultFor
                + " | " + c.displayName + " | " + c.participants.size()));
    }

    void participantRows(String appId, Set<String> rows) {
        conversations.values().forEach(c -> c.participants.forEach(user ->
                rows.add(appId + " | " + c.id + " | " + user)));
    }

    void messageRows(String appId, Set<String> rows) {
        conversations.values().forEach(c -> c.messages.forEach(message ->
                rows.add(appId + " | " + c.id + " | " + message)));
    }
}
