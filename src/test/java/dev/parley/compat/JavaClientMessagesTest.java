package dev.parley.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.zendesk.sunshine_conversations_client.ApiClient;
import com.zendesk.sunshine_conversations_client.ApiException;
import com.zendesk.sunshine_conversations_client.api.ActivitiesApi;
import com.zendesk.sunshine_conversations_client.api.MessagesApi;
import com.zendesk.sunshine_conversations_client.model.ActivityPost;
import com.zendesk.sunshine_conversations_client.model.Author;
import com.zendesk.sunshine_conversations_client.model.Message;
import com.zendesk.sunshine_conversations_client.model.MessageListResponse;
import com.zendesk.sunshine_conversations_client.model.MessagePost;
import com.zendesk.sunshine_conversations_client.model.Page;
import com.zendesk.sunshine_conversations_client.model.TextMessage;
import dev.parley.testing.ApiTest;
import dev.parley.testing.DataPlane;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The published Java client's {@link MessagesApi} and {@link ActivitiesApi} against Parley, configured as its
 * README says with only the base path and the credentials changed: every method, as the client sends and reads it.
 */
class JavaClientMessagesTest extends ApiTest {
    private ApiClient client;

    @Test
    void everyMessagesAndActivitiesMethodWorks() throws ApiException {
        AccountFixture account = createAccount("Java client, messages", null);
        DataPlane app = new DataPlane(api, createApp(account.basic(), "Messages"), account.basic());
        String user = app.createUser("java-client-user");
        String conversation = app.createConversation("personal", user);
        client = new ApiClient().setBasePath(api.baseUrl());
        client.setUsername(account.keyId());
        client.setPassword(account.secret());
        MessagesApi messages = new MessagesApi(client);
        ActivitiesApi activities = new ActivitiesApi(client);

        Message fromBusiness = messages.postMessage(new MessagePost()
                .author(new Author().type(Author.TypeEnum.BUSINESS).displayName("Steve"))
                .content(new TextMessage().text("Hello from the business"))
                .metadata(Map.of("lang", "en")), app.appId(), conversation).getMessages().get(0);
        assertThat(fromBusiness.getId()).matches(HEX_ID);
        assertThat(fromBusiness.getReceived()).matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");
        assertThat(fromBusiness.getAuthor().getType()).isEqualTo(Author.TypeEnum.BUSINESS);
        assertThat(fromBusiness.getAuthor().getDisplayName()).isEqualTo("Steve");
        assertThat(((TextMessage) fromBusiness.getContent()).getText()).isEqualTo("Hello from the business");
        assertThat(fromBusiness.getSource().getType()).isEqualTo("api:conversations");
        assertThat(fromBusiness.getMetadata()).isEqualTo(Map.of("lang", "en"));

        Message fromUser = messages.postMessage(new MessagePost()
                .author(new Author().type(Author.TypeEnum.USER).userExternalId("java-client-user"))
                .content(new TextMessage().text("Hello from the user")), app.appId(), conversation)
                .getMessages().get(0);
        assertThat(fromUser.getAuthor().getUserId()).isEqualTo(user);

        MessageListResponse newest = messages.listMessages(app.appId(), conversation, null);
        assertThat(newest.getMessages()).extracting(Message::getId)
                .containsExactly(fromBusiness.getId(), fromUser.getId());
        assertThat(newest.getMeta().getHasMore()).isFalse();
        MessageListResponse older = messages.listMessages(app.appId(), conversation,
                new Page().before(fromUser.getId()).size(1));
        assertThat(older.getMessages()).extracting(Message::getId).containsExactly(fromBusiness.getId());
        assertThat(older.getMeta().getAfterCursor()).isEqualTo(fromBusiness.getId());

        assertThat(activities.postActivity(new ActivityPost().author(new Author().type(Author.TypeEnum.BUSINESS))
                .type(ActivityPost.TypeEnum.TYPING_START), app.appId(), conversation)).isEqualTo(Map.of());
        assertThat(activities.postActivity(new ActivityPost().author(new Author().type(Author.TypeEnum.USER)
                .userId(user)).type(ActivityPost.TypeEnum.CONVERSATION_READ), app.appId(), conversation))
                .isEqualTo(Map.of());
        assertThat(app.events("conversation:typing")).hasSize(1);
        assertThat(app.events("conversation:read")).hasSize(1);

        assertThat(messages.deleteMessage(app.appId(), conversation, fromBusiness.getId())).isEqualTo(Map.of());
        assertThat(messages.listMessages(app.appId(), conversation, null).getMessages()).extracting(Message::getId)
                .containsExactly(fromUser.getId());
        assertThat(messages.deleteAllMessages(app.appId(), conversation)).isEqualTo(Map.of());
        assertThat(messages.listMessages(app.appId(), conversation, null).getMessages()).isEqualTo(List.of());
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.getHttpClient().close();
        }
    }
}
