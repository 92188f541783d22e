package dev.parley.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.zendesk.sunshine_conversations_client.ApiClient;
import com.zendesk.sunshine_conversations_client.ApiException;
import com.zendesk.sunshine_conversations_client.auth.HttpBearerAuth;
import com.zendesk.sunshine_conversations_client.model.Action;
import com.zendesk.sunshine_conversations_client.model.ActivityPost;
import com.zendesk.sunshine_conversations_client.model.Author;
import com.zendesk.sunshine_conversations_client.model.Buy;
import com.zendesk.sunshine_conversations_client.model.CarouselMessage;
import com.zendesk.sunshine_conversations_client.model.ClientCreate;
import com.zendesk.sunshine_conversations_client.model.ClientListResponse;
import com.zendesk.sunshine_conversations_client.model.Content;
import com.zendesk.sunshine_conversations_client.model.Conversation;
import com.zendesk.sunshine_conversations_client.model.ConversationCreateBody;
import com.zendesk.sunshine_conversations_client.model.ConversationListFilter;
import com.zendesk.sunshine_conversations_client.model.ConversationListResponse;
import com.zendesk.sunshine_conversations_client.model.ConversationType;
import com.zendesk.sunshine_conversations_client.model.ConversationUpdateBody;
import com.zendesk.sunshine_conversations_client.model.Field;
import com.zendesk.sunshine_conversations_client.model.FileMessage;
import com.zendesk.sunshine_conversations_client.model.FormMessage;
import com.zendesk.sunshine_conversations_client.model.FormResponseMessage;
import com.zendesk.sunshine_conversations_client.model.ImageMessage;
import com.zendesk.sunshine_conversations_client.model.Item;
import com.zendesk.sunshine_conversations_client.model.Link;
import com.zendesk.sunshine_conversations_client.model.ListMessage;
import com.zendesk.sunshine_conversations_client.model.LocationMessage;
import com.zendesk.sunshine_conversations_client.model.LocationMessageCoordinates;
import com.zendesk.sunshine_conversations_client.model.LocationMessageLocation;
import com.zendesk.sunshine_conversations_client.model.LocationRequest;
import com.zendesk.sunshine_conversations_client.model.MatchCriteriaTwilio;
import com.zendesk.sunshine_conversations_client.model.Message;
import com.zendesk.sunshine_conversations_client.model.MessageListResponse;
import com.zendesk.sunshine_conversations_client.model.MessagePost;
import com.zendesk.sunshine_conversations_client.model.Page;
import com.zendesk.sunshine_conversations_client.model.Participant;
import com.zendesk.sunshine_conversations_client.model.ParticipantJoinBody;
import com.zendesk.sunshine_conversations_client.model.ParticipantLeaveBodyParticipantId;
import com.zendesk.sunshine_conversations_client.model.ParticipantLeaveBodyUserExternalId;
import com.zendesk.sunshine_conversations_client.model.ParticipantLeaveBodyUserId;
import com.zendesk.sunshine_conversations_client.model.ParticipantListResponse;
import com.zendesk.sunshine_conversations_client.model.ParticipantSubSchema;
import com.zendesk.sunshine_conversations_client.model.Postback;
import com.zendesk.sunshine_conversations_client.model.Profile;
import com.zendesk.sunshine_conversations_client.model.Reply;
import com.zendesk.sunshine_conversations_client.model.TemplateMessage;
import com.zendesk.sunshine_conversations_client.model.TextMessage;
import com.zendesk.sunshine_conversations_client.model.User;
import com.zendesk.sunshine_conversations_client.model.UserCreateBody;
import com.zendesk.sunshine_conversations_client.model.UserUpdateBody;
import com.zendesk.sunshine_conversations_client.model.Webview;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The published Java client (sunshine-conversations-client 9.4.6) on the data plane: every method of
 * {@code UsersApi}, {@code ClientsApi}, {@code ConversationsApi}, {@code ParticipantsApi}, {@code MessagesApi} and
 * {@code ActivitiesApi} (see {@link DataPlaneCalls}), configured as its README says with only the base path and the
 * credentials changed. Each kind of key walks the whole data plane of an app it reaches, over Basic auth and over a
 * JWT, and the account key's JWT once more through the overloads that take a bearer token per call; the same
 * client is then refused every method on an app it does not reach, as the client's {@link ApiException} with 404
 * {@code app_not_found}, and nothing there changes.
 */
class JavaClientDataPlaneTest extends ApiTest {
    private static final String TIMESTAMP = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$";
    private static final String UNKNOWN_ID = "5f0c1e0b2a3d4c5b6a798001";

    /** Who calls: the kind of key, and how the client presents it. */
    enum Credential {
        ACCOUNT_KEY_BASIC(Kind.ACCOUNT, Presented.BASIC),
        ACCOUNT_KEY_JWT(Kind.ACCOUNT, Presented.JWT),
        ACCOUNT_KEY_JWT_PER_CALL(Kind.ACCOUNT, Presented.JWT_PER_CALL),
        SERVICE_ACCOUNT_KEY_BASIC(Kind.SERVICE_ACCOUNT, Presented.BASIC),
        SERVICE_ACCOUNT_KEY_JWT(Kind.SERVICE_ACCOUNT, Presented.JWT),
        APP_KEY_BASIC(Kind.APP, Presented.BASIC),
        APP_KEY_JWT(Kind.APP, Presented.JWT);

        final Kind kind;
        final Presented presented;

        Credential(Kind kind, Presented presented) {
            this.kind = kind;
            this.presented = presented;
        }
    }

    /** The kind of key, with the scope its JWTs carry. */
    enum Kind {
        ACCOUNT("account"), SERVICE_ACCOUNT("account"), APP("app");

        final String scope;

        Kind(String scope) {
            this.scope = scope;
        }
    }

    /** How the client presents the key: Basic, a JWT set on the client, or a JWT passed to each call. */
    enum Presented { BASIC, JWT, JWT_PER_CALL }

    private final List<ApiClient> clients = new ArrayList<>();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Credential.class)
    void everyMethodWithEveryKindOfKey(Credential credential) throws ApiException {
        AccountFixture account = createAccount("Java client, " + credential, null);
        String appId = createApp(account.basic(), "Reached by " + credential);
        KeyFixture key = switch (credential.kind) {
            case ACCOUNT -> new KeyFixture(account.keyId(), account.secret());
            case SERVICE_ACCOUNT -> serviceAccountKeyReaching(account, appId);
            case APP -> createAppKey(account.basic(), appId, "Customer key");
        };
        DataPlaneCalls calls = calls(credential, key);
        Walk walk = new Walk(calls, new DataPlane(api, appId, account.basic()));
        walk.users();
        walk.clients();
        walk.conversations();
        walk.participants();
        walk.messages();
        walk.activities();
        walk.deletions();

        StrangerApp ofAnotherAccount = strangerApp(createAccount("Another account of " + credential, null).basic());
        ofAnotherAccount.refusesEveryMethod(calls);
        if (credential.kind != Kind.ACCOUNT) {
            StrangerApp besideIt = strangerApp(account.basic());
            besideIt.refusesEveryMethod(calls);
        }
    }

    /** The steps of one credential's walk through one app, in order: each uses what the ones before made. */
    private static final class Walk {
        private final DataPlaneCalls calls;
        private final DataPlane app;
        private final String appId;
        private User ada;
        private User grace;
        private Conversation personal;
        private Conversation group;
        private final List<Message> posted = new ArrayList<>();

        Walk(DataPlaneCalls calls, DataPlane app) {
            this.calls = calls;
            this.app = app;
            this.appId = app.appId();
        }

        void users() throws ApiException {
            ada = calls.createUser(new UserCreateBody().externalId("ada").signedUpAt("2026-01-02T03:04:05.000Z")
                    .profile(new Profile().givenName("Ada").surname("Lovelace").email("ada@example.com")
                            .avatarUrl(URI.create("https://example.com/ada.png")).locale("en-GB"))
                    .metadata(Map.of("plan", "gold")), appId);
            assertThat(ada.getId()).matches(HEX_ID);
            assertThat(ada.getExternalId()).isEqualTo("ada");
            assertThat(ada.getSignedUpAt()).isEqualTo("2026-01-02T03:04:05.000Z");
            assertThat(ada.getProfile()).isEqualTo(new Profile().givenName("Ada").surname("Lovelace")
                    .email("ada@example.com").avatarUrl(URI.create("https://example.com/ada.png")).locale("en-GB"));
            assertThat(ada.getMetadata()).isEqualTo(Map.of("plan", "gold"));

            assertThat(calls.getUser(appId, ada.getId())).as("by id").isEqualTo(ada);
            assertThat(calls.getUser(appId, "ada")).as("by externalId").isEqualTo(ada);

            User renamed = calls.updateUser(new UserUpdateBody().profile(new Profile().givenName("Augusta Ada")),
                    appId, ada.getId());
            assertThat(renamed.getId()).isEqualTo(ada.getId());
            assertThat(renamed.getProfile()).as("a profile given replaces the whole profile")
                    .isEqualTo(new Profile().givenName("Augusta Ada"));
            assertThat(renamed.getMetadata()).as("metadata not named is kept").isEqualTo(Map.of("plan", "gold"));
            ada = calls.updateUser(new UserUpdateBody().metadata(Map.of("plan", "platinum", "seats", 3)), appId,
                    "ada");
            assertThat(ada.getProfile().getGivenName()).isEqualTo("Augusta Ada");
            assertThat(ada.getMetadata()).isEqualTo(Map.of("plan", "platinum", "seats", 3));
            assertThat(calls.getUser(appId, "ada")).isEqualTo(ada);

            grace = calls.createUser(new UserCreateBody().externalId("grace"), appId);
            assertThat(grace.getId()).matches(HEX_ID).isGreaterThan(ada.getId());
            assertThat(grace.getMetadata()).isEqualTo(Map.of());
            assertError(409, "conflict", () -> calls.createUser(new UserCreateBody().externalId("ada"), appId));
            assertError(404, "user_not_found", () -> calls.getUser(appId, "nobody"));
        }

        void clients() throws ApiException {
            ClientListResponse listed = calls.listClients(appId, ada.getId(), null);
            assertThat(listed.getClients()).isEmpty();
            assertThat(listed.getMeta().getHasMore()).isFalse();
            assertThat(calls.listClients(appId, "ada", new Page().size(5)).getClients()).isEmpty();
            assertError(404, "client_not_found", () -> calls.removeClient(appId, ada.getId(), UNKNOWN_ID));
            ApiException linking = assertError(400, "bad_request", () -> calls.createClient(new ClientCreate()
                    .matchCriteria(new MatchCriteriaTwilio().integrationId(UNKNOWN_ID).phoneNumber("+15145555555")),
                    appId, "ada"));
            assertThat(linking.getResponseBody()).contains("supports no channel types");
            assertError(404, "user_not_found", () -> calls.listClients(appId, "nobody", null));
        }

        void conversations() throws ApiException {
            personal = calls.createConversation(new ConversationCreateBody().type(ConversationType.PERSONAL)
                    .addParticipantsItem(new ParticipantSubSchema().userId(ada.getId()))
                    .metadata(Map.of("topic", "billing")), appId);
            assertThat(personal.getId()).matches(HEX_ID);
            assertThat(personal.getType()).isEqualTo(ConversationType.PERSONAL);
            assertThat(personal.getIsDefault()).as("the user's first personal conversation").isTrue();
            assertThat(personal.getMetadata()).isEqualTo(Map.of("topic", "billing"));

            group = calls.createConversation(new ConversationCreateBody().type(ConversationType.SDKGROUP)
                    .addParticipantsItem(new ParticipantSubSchema().userExternalId("ada"))
                    .displayName("Team room").description("Where the team meets")
                    .iconUrl(URI.create("https://example.com/room.png")), appId);
            assertThat(group.getId()).matches(HEX_ID).isGreaterThan(personal.getId());
            assertThat(group.getType()).isEqualTo(ConversationType.SDKGROUP);
            assertThat(group.getIsDefault()).isFalse();
            assertThat(group.getDisplayName()).isEqualTo("Team room");
            assertThat(group.getDescription()).isEqualTo("Where the team meets");
            assertThat(group.getIconUrl()).isEqualTo(URI.create("https://example.com/room.png"));
            assertThat(group.getLastUpdatedAt()).matches(TIMESTAMP);

            ConversationListResponse byUserId = calls.listConversations(appId,
                    new ConversationListFilter().userId(ada.getId()), null);
            assertThat(byUserId.getConversations()).containsExactly(personal, group);
            assertThat(byUserId.getMeta().getHasMore()).isFalse();
            assertThat(calls.listConversations(appId, new ConversationListFilter().userExternalId("ada"), null)
                    .getConversations()).containsExactly(personal, group);
            ConversationListResponse firstPage = calls.listConversations(appId,
                    new ConversationListFilter().userExternalId("ada"), new Page().size(1));
            assertThat(firstPage.getConversations()).containsExactly(personal);
            assertThat(firstPage.getMeta().getHasMore()).isTrue();
            assertThat(firstPage.getMeta().getAfterCursor()).isEqualTo(personal.getId());
            assertThat(calls.listConversations(appId, new ConversationListFilter().userExternalId("ada"),
                    new Page().after(personal.getId())).getConversations()).containsExactly(group);
            assertThat(calls.listConversations(appId, new ConversationListFilter().userId(ada.getId()),
                    new Page().before(group.getId())).getConversations()).containsExactly(personal);
            assertThat(calls.listConversations(appId, new ConversationListFilter().userId(grace.getId()), null)
                    .getConversations()).isEmpty();
            assertError(404, "user_not_found", () -> calls.listConversations(appId,
                    new ConversationListFilter().userExternalId("nobody"), null));

            assertThat(calls.getConversation(appId, group.getId())).isEqualTo(group);
            Conversation renamed = calls.updateConversation(new ConversationUpdateBody().displayName("Project room")
                    .metadata(Map.of("project", "engine")), appId, group.getId());
            assertThat(renamed.getId()).isEqualTo(group.getId());
            assertThat(renamed.getDisplayName()).isEqualTo("Project room");
            assertThat(renamed.getDescription()).as("not named, kept").isEqualTo("Where the team meets");
            assertThat(renamed.getMetadata()).isEqualTo(Map.of("project", "engine"));
            group = renamed;
            assertThat(calls.getConversation(appId, group.getId())).isEqualTo(group);
            assertError(404, "conversation_not_found", () -> calls.getConversation(appId, UNKNOWN_ID));
        }

        void participants() throws ApiException {
            Participant joined = calls.joinConversation((ParticipantJoinBody) new ParticipantJoinBody()
                    .userExternalId("grace").subscribeSDKClient(false), appId, group.getId());
            assertThat(joined.getId()).matches(HEX_ID);
            assertThat(joined.getUserId()).isEqualTo(grace.getId());
            assertThat(joined.getUserExternalId()).isEqualTo("grace");
            assertThat(joined.getUnreadCount()).isZero();
            assertThat(joined.getClientAssociations()).isEmpty();
            assertError(409, "conflict", () -> calls.joinConversation(
                    (ParticipantJoinBody) new ParticipantJoinBody().userId(grace.getId()), appId, group.getId()));
            assertError(400, "bad_request", () -> calls.joinConversation(
                    (ParticipantJoinBody) new ParticipantJoinBody().userId(grace.getId()), appId, personal.getId()));

            ParticipantListResponse listed = calls.listParticipants(appId, group.getId(), null);
            assertThat(listed.getParticipants()).extracting(Participant::getUserId)
                    .containsExactly(ada.getId(), grace.getId());
            assertThat(listed.getParticipants().get(1)).isEqualTo(joined);
            assertThat(listed.getMeta().getHasMore()).isFalse();
            ParticipantListResponse firstPage = calls.listParticipants(appId, group.getId(), new Page().size(1));
            assertThat(firstPage.getParticipants()).extracting(Participant::getUserId).containsExactly(ada.getId());
            assertThat(firstPage.getMeta().getHasMore()).isTrue();
            assertThat(calls.listParticipants(appId, group.getId(),
                    new Page().after(firstPage.getMeta().getAfterCursor())).getParticipants())
                    .containsExactly(joined);

            // Each way the client names who leaves.
            assertThat(calls.leaveConversation(new ParticipantLeaveBodyUserExternalId().userExternalId("grace"),
                    appId, group.getId())).isEqualTo(Map.of());
            assertThat(userIdsIn(group)).containsExactly(ada.getId());
            assertError(404, "not_found", () -> calls.leaveConversation(
                    new ParticipantLeaveBodyUserId().userId(grace.getId()), appId, group.getId()));
            Participant again = calls.joinConversation(
                    (ParticipantJoinBody) new ParticipantJoinBody().userId(grace.getId()), appId, group.getId());
            assertThat(calls.leaveConversation(new ParticipantLeaveBodyParticipantId().participantId(again.getId()),
                    appId, group.getId())).isEqualTo(Map.of());
            assertThat(userIdsIn(group)).containsExactly(ada.getId());
            calls.joinConversation((ParticipantJoinBody) new ParticipantJoinBody().userId(grace.getId()), appId,
                    group.getId());
            assertThat(calls.leaveConversation(new ParticipantLeaveBodyUserId().userId(grace.getId()), appId,
                    group.getId())).isEqualTo(Map.of());
            assertThat(userIdsIn(group)).containsExactly(ada.getId());
        }

        private List<String> userIdsIn(Conversation conversation) throws ApiException {
            return calls.listParticipants(appId, conversation.getId(), null).getParticipants().stream()
                    .map(Participant::getUserId).toList();
        }

        /** Every content type the client can express, in ada's personal conversation. */
        void messages() throws ApiException {
            // The client's Reply and Webview, unlike its other actions, do not set their own type.
            Message text = post(Author.TypeEnum.BUSINESS, new TextMessage().text("Hello from the business")
                    .actions(List.of(
                            new Link().text("Open").uri(URI.create("https://example.com/open")),
                            new Postback().text("Yes").payload("YES"),
                            new Reply().type("reply").text("Maybe").payload("MAYBE"),
                            new Buy().text("Buy").amount(1999).currency("usd"),
                            new LocationRequest().text("Where are you?"),
                            new Webview().type("webview").text("Shop").uri(URI.create("https://example.com/shop"))
                                    .fallback("https://example.com/shop-lite").size(Webview.SizeEnum.TALL))));
            assertThat(text.getId()).matches(HEX_ID);
            assertThat(text.getReceived()).matches(TIMESTAMP);
            assertThat(text.getAuthor()).isEqualTo(new Author().type(Author.TypeEnum.BUSINESS).displayName("Steve")
                    .avatarUrl(URI.create("https://example.com/steve.png")));
            assertThat(text.getSource().getType()).isEqualTo("api:conversations");
            assertThat(text.getMetadata()).isEqualTo(Map.of("lang", "en"));
            TextMessage textContent = (TextMessage) text.getContent();
            assertThat(textContent.getText()).isEqualTo("Hello from the business");
            assertThat(textContent.getActions()).extracting(Action::getType)
                    .containsExactly("link", "postback", "reply", "buy", "locationRequest", "webview");
            assertThat(((Buy) textContent.getActions().get(3)).getAmount()).isEqualTo(1999);
            assertThat(((Webview) textContent.getActions().get(5)).getSize()).isEqualTo(Webview.SizeEnum.TALL);

            Message image = post(Author.TypeEnum.USER, new ImageMessage()
                    .mediaUrl(URI.create("https://example.com/cat.jpg")).altText("A cat").text("My cat"));
            assertThat(image.getAuthor().getType()).isEqualTo(Author.TypeEnum.USER);
            assertThat(image.getAuthor().getUserId()).as("shown by id, posted by externalId").isEqualTo(ada.getId());
            ImageMessage imageContent = (ImageMessage) image.getContent();
            assertThat(imageContent.getMediaUrl()).isEqualTo(URI.create("https://example.com/cat.jpg"));
            assertThat(imageContent.getAltText()).isEqualTo("A cat");
            assertThat(imageContent.getText()).isEqualTo("My cat");

            Message file = post(Author.TypeEnum.USER, new FileMessage()
                    .mediaUrl(URI.create("https://example.com/invoice.pdf")).altText("Invoice"));
            FileMessage fileContent = (FileMessage) file.getContent();
            assertThat(fileContent.getMediaUrl()).isEqualTo(URI.create("https://example.com/invoice.pdf"));
            assertThat(fileContent.getAltText()).isEqualTo("Invoice");

            Message carousel = post(Author.TypeEnum.BUSINESS, new CarouselMessage().items(List.of(
                    new Item().title("Tacos").description("Three of them").size(Item.SizeEnum.LARGE)
                            .mediaUrl(URI.create("https://example.com/tacos.jpg"))
                            .actions(List.of(new Link().text("Menu").uri(URI.create("https://example.com/menu")))),
                    new Item().title("Ramen").actions(List.of(new Postback().text("Order").payload("RAMEN"))))));
            CarouselMessage carouselContent = (CarouselMessage) carousel.getContent();
            assertThat(carouselContent.getItems()).extracting(Item::getTitle).containsExactly("Tacos", "Ramen");
            assertThat(carouselContent.getItems().get(0).getSize()).isEqualTo(Item.SizeEnum.LARGE);
            assertThat(carouselContent.getText()).as("the server's fallback text")
                    .isEqualTo("1. Tacos\nThree of them\nMenu: https://example.com/menu\n\n2. Ramen");

            Message list = post(Author.TypeEnum.BUSINESS, new ListMessage()
                    .items(List.of(new Item().title("Plan A").description("Monthly")
                                    .actions(List.of(new Postback().text("Pick A").payload("A"))),
                            new Item().title("Plan B")
                                    .actions(List.of(new Postback().text("Pick B").payload("B")))))
                    .actions(List.of(new Link().text("Compare").uri(URI.create("https://example.com/plans")))));
            ListMessage listContent = (ListMessage) list.getContent();
            assertThat(listContent.getItems()).extracting(Item::getTitle).containsExactly("Plan A", "Plan B");
            assertThat(listContent.getActions()).extracting(action -> action.getType()).containsExactly("link");

            Message location = post(Author.TypeEnum.USER, new LocationMessage()
                    .coordinates(new LocationMessageCoordinates().lat(new BigDecimal("45.5"))
                            ._long(new BigDecimal("-73.5")))
                    .location(new LocationMessageLocation().name("Office").address("1 Main St")));
            LocationMessage locationContent = (LocationMessage) location.getContent();
            assertThat(locationContent.getCoordinates().getLat()).isEqualByComparingTo("45.5");
            assertThat(locationContent.getCoordinates().getLong()).isEqualByComparingTo("-73.5");
            assertThat(locationContent.getLocation().getName()).isEqualTo("Office");
            assertThat(locationContent.getText())
                    .isEqualTo("Location shared:\nhttps://maps.google.com/maps?q=45.5,-73.5");

            // The client's Field sends minSize 1 and maxSize 128 on every field, email and select ones too.
            Message form = post(Author.TypeEnum.BUSINESS, new FormMessage().blockChatInput(true).fields(List.of(
                    new Field().type(Field.TypeEnum.TEXT).name("name").label("Your name").placeholder("Ada")
                            .minSize(1).maxSize(64),
                    new Field().type(Field.TypeEnum.EMAIL).name("email").label("Your email"),
                    new Field().type(Field.TypeEnum.SELECT).name("size").label("Size").options(List.of(
                            Map.of("name", "s", "label", "Small"), Map.of("name", "l", "label", "Large"))))));
            FormMessage formContent = (FormMessage) form.getContent();
            assertThat(formContent.getBlockChatInput()).isTrue();
            assertThat(formContent.getFields()).extracting(Field::getType)
                    .containsExactly(Field.TypeEnum.TEXT, Field.TypeEnum.EMAIL, Field.TypeEnum.SELECT);
            assertThat(formContent.getFields().get(0).getMaxSize()).isEqualTo(64);
            assertThat(formContent.getFields().get(1).getMaxSize()).isEqualTo(128);
            assertThat(formContent.getFields().get(2).getOptions()).hasSize(2);

            // The two the client can express that no API caller may post here, refused with the reason.
            ApiException formResponse = assertError(400, "bad_request", () -> post(Author.TypeEnum.USER,
                    new FormResponseMessage().fields(List.of(new Field().type(Field.TypeEnum.TEXT).name("name")
                            .label("Your name").text("Ada")))));
            assertThat(formResponse.getResponseBody()).contains("formResponse cannot be posted");
            ApiException template = assertError(400, "bad_request", () -> post(Author.TypeEnum.BUSINESS,
                    new TemplateMessage().template(Map.of("name", "welcome"))));
            assertThat(template.getResponseBody()).contains("template cannot be posted");

            posted.addAll(List.of(text, image, file, carousel, list, location, form));
            assertThat(posted).extracting(Message::getId).isSorted();
            MessageListResponse newest = calls.listMessages(appId, personal.getId(), null);
            assertThat(newest.getMessages()).as("oldest to newest in the page").containsExactlyElementsOf(posted);
            assertThat(newest.getMeta().getHasMore()).isFalse();

            MessageListResponse older = calls.listMessages(appId, personal.getId(),
                    new Page().before(location.getId()));
            assertThat(older.getMessages()).containsExactlyElementsOf(posted.subList(0, 5));
            assertThat(older.getMeta().getHasMore()).isFalse();
            MessageListResponse newer = calls.listMessages(appId, personal.getId(), new Page().after(list.getId()));
            assertThat(newer.getMessages()).containsExactly(location, form);
            assertThat(newer.getMeta().getHasMore()).isFalse();
            assertError(404, "not_found", () -> calls.listMessages(appId, UNKNOWN_ID, null));
        }

        private Message post(Author.TypeEnum authorType, Content content) throws ApiException {
            MessagePost body = new MessagePost().content(content);
            if (authorType == Author.TypeEnum.BUSINESS) {
                body.author(new Author().type(authorType).displayName("Steve")
                        .avatarUrl(URI.create("https://example.com/steve.png"))).metadata(Map.of("lang", "en"));
            } else if (content instanceof FileMessage) {
                body.author(new Author().type(authorType).userId(ada.getId()));
            } else {
                body.author(new Author().type(authorType).userExternalId("ada"));
            }
            return calls.postMessage(body, appId, personal.getId());
        }

        void activities() throws ApiException {
            Participant unread = calls.listParticipants(appId, personal.getId(), null).getParticipants().get(0);
            assertThat(unread.getUnreadCount()).as("the business's messages are unread for ada").isEqualTo(4);

            Author business = new Author().type(Author.TypeEnum.BUSINESS);
            for (ActivityPost.TypeEnum type : List.of(ActivityPost.TypeEnum.TYPING_START,
                    ActivityPost.TypeEnum.TYPING_STOP)) {
                assertThat(calls.postActivity(new ActivityPost().author(business).type(type), appId,
                        personal.getId())).isEqualTo(Map.of());
            }
            assertThat(calls.postActivity(new ActivityPost().author(new Author().type(Author.TypeEnum.USER)
                    .userId(ada.getId())).type(ActivityPost.TypeEnum.CONVERSATION_READ), appId, personal.getId()))
                    .isEqualTo(Map.of());
            Participant read = calls.listParticipants(appId, personal.getId(), null).getParticipants().get(0);
            assertThat(read.getUnreadCount()).isZero();
            assertThat(read.getLastRead()).matches(TIMESTAMP);
            assertThat(calls.postActivity(new ActivityPost().author(business)
                    .type(ActivityPost.TypeEnum.CONVERSATION_READ), appId, personal.getId())).isEqualTo(Map.of());
            assertThat(calls.getConversation(appId, personal.getId()).getBusinessLastRead()).matches(TIMESTAMP);

            assertThat(app.events("conversation:typing")).extracting(event -> event.at("/payload/activity/type")
                    .asText()).containsExactly("typing:start", "typing:stop");
            assertThat(app.events("conversation:read")).extracting(event -> event.at("/payload/activity/author/type")
                    .asText()).containsExactly("user", "business");
            assertThat(calls.listMessages(appId, personal.getId(), null).getMessages())
                    .as("activities are not messages").containsExactlyElementsOf(posted);
        }

        void deletions() throws ApiException {
            Message first = posted.get(0);
            assertThat(calls.deleteMessage(appId, personal.getId(), first.getId())).isEqualTo(Map.of());
            assertThat(calls.listMessages(appId, personal.getId(), null).getMessages())
                    .containsExactlyElementsOf(posted.subList(1, posted.size()));
            assertError(404, "message_not_found", () -> calls.deleteMessage(appId, personal.getId(), first.getId()));
            assertThat(calls.deleteAllMessages(appId, personal.getId())).isEqualTo(Map.of());
            assertThat(calls.listMessages(appId, personal.getId(), null).getMessages()).isEmpty();

            assertThat(calls.deleteConversation(appId, group.getId())).isEqualTo(Map.of());
            assertError(404, "conversation_not_found", () -> calls.getConversation(appId, group.getId()));

            User forgotten = calls.deleteUserPersonalInformation(appId, "ada");
            assertThat(forgotten.getId()).isEqualTo(ada.getId());
            assertThat(forgotten.getExternalId()).isEqualTo("ada");
            assertThat(forgotten.getProfile()).isEqualTo(new Profile());
            assertThat(forgotten.getMetadata()).isEqualTo(Map.of());
            assertThat(calls.getUser(appId, ada.getId())).isEqualTo(forgotten);

            assertThat(calls.deleteUser(appId, ada.getId())).isEqualTo(Map.of());
            assertError(404, "user_not_found", () -> calls.getUser(appId, "ada"));
            assertError(404, "conversation_not_found", () -> calls.getConversation(appId, personal.getId()));
            assertError(404, "user_not_found", () -> calls.deleteUser(appId, ada.getId()));
            assertThat(app.events("user:remove")).extracting(event -> event.at("/payload/user/id").asText())
                    .containsExactly(ada.getId());
        }
    }

    /** An app the caller does not reach, with a user in a group conversation and one message. */
    private record StrangerApp(DataPlane app, String userId, String conversationId, String messageId) {

        /** Every method answers the client's ApiException 404 {@code app_not_found}, and nothing changes. */
        void refusesEveryMethod(DataPlaneCalls calls) {
            Map<String, DataPlaneCalls.Call> every = calls.everyMethod(app.appId(), userId, conversationId, messageId);
            assertThat(every).hasSize(21);
            every.forEach((method, call) -> assertError(method, 404, "app_not_found", call::call));
            Response user = app.get("/users/" + userId);
            assertThat(user.status()).as(user.toString()).isEqualTo(200);
            assertThat(user.json().at("/user/metadata").isEmpty()).as(user.toString()).isTrue();
            Response conversation = app.get("/conversations/" + conversationId);
            assertThat(conversation.at("/conversation/displayName")).as(conversation.toString()).isEqualTo("Private");
            Response participants = app.get("/conversations/" + conversationId + "/participants");
            assertThat(idsOf(participants.json().path("participants"), "userId")).containsExactly(userId);
            Response messages = app.get("/conversations/" + conversationId + "/messages");
            assertThat(idsOf(messages.json().path("messages"))).as(messages.toString()).containsExactly(messageId);
            assertThat(app.events("conversation:typing")).isEmpty();
            Response users = app.get("/users/intruder");
            assertThat(users.status()).as("no user made").isEqualTo(404);
        }
    }

    private static StrangerApp strangerApp(Auth owner) {
        DataPlane app = new DataPlane(api, createApp(owner, "Not reached"), owner);
        String userId = app.createUser("private");
        String conversationId = app.created("/conversations", "{\"type\":\"sdkGroup\",\"displayName\":\"Private\","
                + "\"participants\":[" + DataPlane.participants(userId) + "]}").at("/conversation/id");
        String messageId = app.created("/conversations/" + conversationId + "/messages",
                "{\"author\":{\"type\":\"business\"},\"content\":{\"type\":\"text\",\"text\":\"Private\"}}")
                .at("/messages/0/id");
        return new StrangerApp(app, userId, conversationId, messageId);
    }

    /** A key of a new service account of the account, granted that app. */
    private static KeyFixture serviceAccountKeyReaching(AccountFixture account, String appId) {
        String serviceAccountId = createServiceAccount(account.basic(), "Deployment");
        Response granted = api.put("/v2/serviceaccounts/" + serviceAccountId + "/apps/" + appId, account.basic());
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        return createServiceAccountKey(account.basic(), serviceAccountId, "Deployment key");
    }

    /** A client as the upstream README configures one, with only the base path changed, presenting the key. */
    private DataPlaneCalls calls(Credential credential, KeyFixture key) {
        ApiClient client = new ApiClient().setBasePath(api.baseUrl());
        clients.add(client);
        String jwt = Auth.signedJwt(JWSAlgorithm.HS256, key.id(), key.secret(),
                new JWTClaimsSet.Builder().claim("scope", credential.kind.scope).build());
        switch (credential.presented) {
            case BASIC -> {
                client.setUsername(key.id());
                client.setPassword(key.secret());
            }
            case JWT -> ((HttpBearerAuth) client.getAuthentication("bearerAuth")).setBearerToken(jwt);
            case JWT_PER_CALL -> {
                return new DataPlaneCalls(client, jwt); // the client has no credentials of its own
            }
        }
        return new DataPlaneCalls(client, null);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(client -> client.getHttpClient().close());
        clients.clear();
    }

    @FunctionalInterface
    private interface ClientCall {
        void call() throws Exception;
    }

    /** The call fails with the client's ApiException carrying that status and Parley's error code; answers it. */
    private static ApiException assertError(int status, String code, ClientCall call) {
        return assertError("the call", status, code, call);
    }

    /** The same, for one of several calls: {@code what} says which one in a failure. */
    private static ApiException assertError(String what, int status, String code, ClientCall call) {
        ApiException thrown = catchThrowableOfType(ApiException.class, call::call);
        assertThat(thrown).as("%s: expected an ApiException %d %s", what, status, code).isNotNull();
        assertThat(thrown.getCode()).as("%s: %s", what, thrown.getResponseBody()).isEqualTo(status);
        JsonNode body = json(thrown.getResponseBody());
        assertThat(body.at("/errors/0/code").asText()).as("%s: %s", what, thrown.getResponseBody()).isEqualTo(code);
        return thrown;
    }
}
