package dev.parley.compat;

import com.zendesk.sunshine_conversations_client.ApiClient;
import com.zendesk.sunshine_conversations_client.ApiException;
import com.zendesk.sunshine_conversations_client.api.ActivitiesApi;
import com.zendesk.sunshine_conversations_client.api.ClientsApi;
import com.zendesk.sunshine_conversations_client.api.ConversationsApi;
import com.zendesk.sunshine_conversations_client.api.MessagesApi;
import com.zendesk.sunshine_conversations_client.api.ParticipantsApi;
import com.zendesk.sunshine_conversations_client.api.UsersApi;
import com.zendesk.sunshine_conversations_client.model.ActivityPost;
import com.zendesk.sunshine_conversations_client.model.Author;
import com.zendesk.sunshine_conversations_client.model.ClientCreate;
import com.zendesk.sunshine_conversations_client.model.ClientListResponse;
import com.zendesk.sunshine_conversations_client.model.Conversation;
import com.zendesk.sunshine_conversations_client.model.ConversationCreateBody;
import com.zendesk.sunshine_conversations_client.model.ConversationListFilter;
import com.zendesk.sunshine_conversations_client.model.ConversationListResponse;
import com.zendesk.sunshine_conversations_client.model.ConversationType;
import com.zendesk.sunshine_conversations_client.model.ConversationUpdateBody;
import com.zendesk.sunshine_conversations_client.model.Message;
import com.zendesk.sunshine_conversations_client.model.MessageListResponse;
import com.zendesk.sunshine_conversations_client.model.MessagePost;
import com.zendesk.sunshine_conversations_client.model.Page;
import com.zendesk.sunshine_conversations_client.model.Participant;
import com.zendesk.sunshine_conversations_client.model.ParticipantJoinBody;
import com.zendesk.sunshine_conversations_client.model.ParticipantLeaveBody;
import com.zendesk.sunshine_conversations_client.model.ParticipantLeaveBodyUserId;
import com.zendesk.sunshine_conversations_client.model.ParticipantListResponse;
import com.zendesk.sunshine_conversations_client.model.TextMessage;
import com.zendesk.sunshine_conversations_client.model.User;
import com.zendesk.sunshine_conversations_client.model.UserCreateBody;
import com.zendesk.sunshine_conversations_client.model.UserUpdateBody;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every method of the published Java client's {@code UsersApi}, {@code ClientsApi}, {@code ConversationsApi},
 * {@code ParticipantsApi}, {@code MessagesApi} and {@code ActivitiesApi} (9.4.6), in the client's own parameter
 * order, on one {@link ApiClient}. A null {@code token} calls the methods that use the client's own credentials;
 * otherwise the overloads that take a bearer token per call, with that token.
 */
record DataPlaneCalls(UsersApi users, ClientsApi clients, ConversationsApi conversations,
                      ParticipantsApi participants, MessagesApi messages, ActivitiesApi activities, String token) {

    DataPlaneCalls(ApiClient client, String token) {
        this(new UsersApi(client), new ClientsApi(client), new ConversationsApi(client), new ParticipantsApi(client),
                new MessagesApi(client), new ActivitiesApi(client), token);
    }

    /** A call of one of them, as the tests make it. */
    @FunctionalInterface
    interface Call {
        Object call() throws ApiException;
    }

    /**
     * Every method once by name, on that app and those ids (which may belong to it or not), for access checks; a
     * body is whatever the method needs to be sent.
     */
    Map<String, Call> everyMethod(String appId, String userId, String conversationId, String messageId) {
        Author business = new Author().type(Author.TypeEnum.BUSINESS);
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("createUser", () -> createUser(new UserCreateBody().externalId("intruder"), appId));
        calls.put("getUser", () -> getUser(appId, userId));
        calls.put("updateUser", () -> updateUser(new UserUpdateBody().metadata(Map.of("taken", true)), appId, userId));
        calls.put("deleteUserPersonalInformation", () -> deleteUserPersonalInformation(appId, userId));
        calls.put("deleteUser", () -> deleteUser(appId, userId));
        calls.put("createClient", () -> createClient(new ClientCreate(), appId, userId));
        calls.put("listClients", () -> listClients(appId, userId, null));
        calls.put("removeClient", () -> removeClient(appId, userId, "5f0c1e0b2a3d4c5b6a798001"));
        calls.put("createConversation", () -> createConversation(
                new ConversationCreateBody().type(ConversationType.SDKGROUP), appId));
        calls.put("listConversations", () -> listConversations(appId, new ConversationListFilter().userId(userId),
                null));
        calls.put("getConversation", () -> getConversation(appId, conversationId));
        calls.put("updateConversation", () -> updateConversation(new ConversationUpdateBody().displayName("Taken"),
                appId, conversationId));
        calls.put("deleteConversation", () -> deleteConversation(appId, conversationId));
        calls.put("joinConversation", () -> joinConversation(
                (ParticipantJoinBody) new ParticipantJoinBody().userId(userId), appId, conversationId));
        calls.put("leaveConversation", () -> leaveConversation(new ParticipantLeaveBodyUserId().userId(userId),
                appId, conversationId));
        calls.put("listParticipants", () -> listParticipants(appId, conversationId, null));
        calls.put("postMessage", () -> postMessage(new MessagePost().author(business)
                .content(new TextMessage().text("Taken")), appId, conversationId));
        calls.put("listMessages", () -> listMessages(appId, conversationId, null));
        calls.put("deleteMessage", () -> deleteMessage(appId, conversationId, messageId));
        calls.put("deleteAllMessages", () -> deleteAllMessages(appId, conversationId));
        calls.put("postActivity", () -> postActivity(new ActivityPost().author(business)
                .type(ActivityPost.TypeEnum.TYPING_START), appId, conversationId));
        return calls;
    }

    // UsersApi

    User createUser(UserCreateBody body, String appId) throws ApiException {
        return (token == null ? users.createUser(body, appId) : users.createUser(token, body, appId)).getUser();
    }

    User getUser(String appId, String userIdOrExternalId) throws ApiException {
        return (token == null ? users.getUser(appId, userIdOrExternalId)
                : users.getUser(token, appId, userIdOrExternalId)).getUser();
    }

    User updateUser(UserUpdateBody body, String appId, String userIdOrExternalId) throws ApiException {
        return (token == null ? users.updateUser(body, appId, userIdOrExternalId)
                : users.updateUser(token, body, appId, userIdOrExternalId)).getUser();
    }

    User deleteUserPersonalInformation(String appId, String userIdOrExternalId) throws ApiException {
        return (token == null ? users.deleteUserPersonalInformation(appId, userIdOrExternalId)
                : users.deleteUserPersonalInformation(token, appId, userIdOrExternalId)).getUser();
    }

    Object deleteUser(String appId, String userIdOrExternalId) throws ApiException {
        return token == null ? users.deleteUser(appId, userIdOrExternalId)
                : users.deleteUser(token, appId, userIdOrExternalId);
    }

    // ClientsApi

    Object createClient(ClientCreate body, String appId, String userIdOrExternalId) throws ApiException {
        return token == null ? clients.createClient(body, appId, userIdOrExternalId)
                : clients.createClient(token, body, appId, userIdOrExternalId);
    }

    ClientListResponse listClients(String appId, String userIdOrExternalId, Page page) throws ApiException {
        return token == null ? clients.listClients(appId, userIdOrExternalId, page)
                : clients.listClients(token, appId, userIdOrExternalId, page);
    }

    Object removeClient(String appId, String userIdOrExternalId, String clientId) throws ApiException {
        return token == null ? clients.removeClient(appId, userIdOrExternalId, clientId)
                : clients.removeClient(token, appId, userIdOrExternalId, clientId);
    }

    // ConversationsApi

    Conversation createConversation(ConversationCreateBody body, String appId) throws ApiException {
        return (token == null ? conversations.createConversation(body, appId)
                : conversations.createConversation(token, body, appId)).getConversation();
    }

    ConversationListResponse listConversations(String appId, ConversationListFilter filter, Page page)
            throws ApiException {
        return token == null ? conversations.listConversations(appId, filter, page)
                : conversations.listConversations(token, appId, filter, page);
    }

    Conversation getConversation(String appId, String conversationId) throws ApiException {
        return (token == null ? conversations.getConversation(appId, conversationId)
                : conversations.getConversation(token, appId, conversationId)).getConversation();
    }

    Conversation updateConversation(ConversationUpdateBody body, String appId, String conversationId)
            throws ApiException {
        return (token == null ? conversations.updateConversation(body, appId, conversationId)
                : conversations.updateConversation(token, body, appId, conversationId)).getConversation();
    }

    Object deleteConversation(String appId, String conversationId) throws ApiException {
        return token == null ? conversations.deleteConversation(appId, conversationId)
                : conversations.deleteConversation(token, appId, conversationId);
    }

    // ParticipantsApi

    Participant joinConversation(ParticipantJoinBody body, String appId, String conversationId) throws ApiException {
        return (token == null ? participants.joinConversation(body, appId, conversationId)
                : participants.joinConversation(token, body, appId, conversationId)).getParticipant();
    }

    Object leaveConversation(ParticipantLeaveBody body, String appId, String conversationId) throws ApiException {
        return token == null ? participants.leaveConversation(body, appId, conversationId)
                : participants.leaveConversation(token, body, appId, conversationId);
    }

    ParticipantListResponse listParticipants(String appId, String conversationId, Page page) throws ApiException {
        return token == null ? participants.listParticipants(appId, conversationId, page)
                : participants.listParticipants(token, appId, conversationId, page);
    }

    // MessagesApi

    Message postMessage(MessagePost body, String appId, String conversationId) throws ApiException {
        List<Message> posted = (token == null ? messages.postMessage(body, appId, conversationId)
                : messages.postMessage(token, body, appId, conversationId)).getMessages();
        if (posted.size() != 1) {
            throw new AssertionError("postMessage answered " + posted.size() + " messages: " + posted);
        }
        return posted.get(0);
    }

    MessageListResponse listMessages(String appId, String conversationId, Page page) throws ApiException {
        return token == null ? messages.listMessages(appId, conversationId, page)
                : messages.listMessages(token, appId, conversationId, page);
    }

    Object deleteMessage(String appId, String conversationId, String messageId) throws ApiException {
        return token == null ? messages.deleteMessage(appId, conversationId, messageId)
                : messages.deleteMessage(token, appId, conversationId, messageId);
    }

    Object deleteAllMessages(String appId, String conversationId) throws ApiException {
        return token == null ? messages.deleteAllMessages(appId, conversationId)
                : messages.deleteAllMessages(token, appId, conversationId);
    }

    // ActivitiesApi

    Object postActivity(ActivityPost body, String appId, String conversationId) throws ApiException {
        return token == null ? activities.postActivity(body, appId, conversationId)
                : activities.postActivity(token, body, appId, conversationId);
    }
}
