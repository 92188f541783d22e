package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesApiTest extends ApiTest {
    private static final String RECEIVED = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$";
    private static final String BUSINESS = "\"author\":{\"type\":\"business\"}";
    private static final String LINK = "{\"type\":\"link\",\"text\":\"More info\",\"uri\":\"https://example.org\"}";
    private static final String ITEMS = "[{\"title\":\"Tacos\",\"description\":\"Get your tacos today!\","
            + "\"mediaUrl\":\"https://example.org/image.jpg\",\"size\":\"compact\",\"actions\":[{\"text\":\"Select\","
            + "\"type\":\"postback\",\"payload\":\"TACOS\"}," + LINK + "]}]";

    /** An app with two users, a group conversation of both, and a third user outside it. */
    record Fixture(AccountFixture account, DataPlane app, String alice, String aliceExternalId, String bob,
                   String outsider, String conversation) {
        String appId() {
            return app.appId();
        }

        String messages() {
            return conversationPath() + "/messages";
        }

        String conversationPath() {
            return app.path("/conversations/" + conversation);
        }

        Auth auth() {
            return account.basic();
        }
    }

    private static Fixture fixture() {
        AccountFixture account = createAccount("Messages " + UUID.randomUUID(), null);
        DataPlane app = new DataPlane(api, createApp(account.basic(), "Messages"), account.basic());
        String aliceExternalId = "alice-" + UUID.randomUUID();
        String alice = app.createUser(aliceExternalId);
        String bob = app.createUser("bob-" + UUID.randomUUID());
        String outsider = app.createUser("carol-" + UUID.randomUUID());
        return new Fixture(account, app, alice, aliceExternalId, bob, outsider,
                app.createConversation("sdkGroup", alice, bob));
    }

    private static JsonNode post(Fixture f, String body) {
        return created(f.messages(), f.auth(), body).json().path("messages").get(0);
    }

    private static JsonNode postText(Fixture f, String text) {
        return post(f, "{" + BUSINESS + ",\"content\":{\"type\":\"text\",\"text\":\"" + text + "\"}}");
    }

    private static List<JsonNode> events(Fixture f, String type) {
        return f.app().events(type);
    }

    static Stream<Arguments> contents() {
        return Stream.of(
                Arguments.of("{\"type\":\"text\",\"text\":\"Hello!\",\"actions\":[{\"type\":\"reply\",\"text\":\"Yes\","
                        + "\"payload\":\"YES\"}]}", null),
                Arguments.of("{\"type\":\"image\",\"text\":\"Hello!\",\"mediaUrl\":\"https://example.org/image.jpg\","
                        + "\"altText\":\"A wonderful image\"}", null),
                Arguments.of("{\"type\":\"file\",\"text\":\"Here's our FAQ!\",\"mediaUrl\":"
                        + "\"https://example.org/FAQ.pdf\",\"altText\":\"FAQ.pdf\"}", null),
                Arguments.of("{\"type\":\"carousel\",\"items\":" + ITEMS + "}",
                        "1. Tacos\nGet your tacos today!\nMore info: https://example.org"),
                Arguments.of("{\"type\":\"list\",\"items\":" + ITEMS + ",\"actions\":[" + LINK + "]}",
                        "1. Tacos\nGet your tacos today!\nMore info: https://example.org"),
                Arguments.of("{\"type\":\"location\",\"coordinates\":{\"lat\":45.5261583,\"long\":-73.595346},"
                        + "\"location\":{\"address\":\"5333 avenue Casgrain\",\"name\":\"Zendesk Montréal\"}}",
                        "Location shared:\nhttps://maps.google.com/maps?q=45.5261583,-73.595346"),
                Arguments.of("{\"type\":\"form\",\"blockChatInput\":true,\"fields\":[{\"type\":\"text\",\"name\":"
                        + "\"full_name\",\"label\":\"Your name?\",\"placeholder\":\"Type your name...\",\"minSize\":1,"
                        + "\"maxSize\":30},{\"type\":\"email\",\"name\":\"email_address\",\"label\":\"Your email?\"}]}",
                        null),
                // A form as the published Java client sends it: its defaults, minSize 1 and maxSize 128, on every field.
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"email\",\"name\":\"email\",\"label\":"
                        + "\"Your email?\",\"minSize\":1,\"maxSize\":128},{\"type\":\"select\",\"name\":\"size\","
                        + "\"label\":\"Size?\",\"minSize\":1,\"maxSize\":128,\"options\":[{\"label\":\"Small\","
                        + "\"name\":\"s\"}]}]}", null));
    }

    @ParameterizedTest
    @MethodSource("contents")
    void everyContentTypeIsPostedAndReadBackAsUpstream(String content, String fallbackText) {
        Fixture f = fixture();
        JsonNode message = post(f, "{\"author\":{\"type\":\"business\",\"displayName\":\"Steve\",\"avatarUrl\":"
                + "\"https://example.org/steve.png\"},\"content\":" + content + ",\"metadata\":{\"lang\":\"en\"}}");
        assertThat(message.path("id").asText()).matches(HEX_ID);
        assertThat(message.path("received").asText()).matches(RECEIVED);
        assertThat(message.path("author")).isEqualTo(json("{\"type\":\"business\",\"displayName\":\"Steve\","
                + "\"avatarUrl\":\"https://example.org/steve.png\"}"));
        assertThat(message.path("source")).isEqualTo(json("{\"type\":\"api:conversations\"}"));
        assertThat(message.path("metadata")).isEqualTo(json("{\"lang\":\"en\"}"));
        ObjectNode expected = (ObjectNode) json(content);
        if (fallbackText != null) {
            expected.put("text", fallbackText);
        }
        if (expected.path("type").asText().equals("form")) {
            expected.put("submitted", false);
        }
        assertThat(message.path("content")).isEqualTo(expected);

        Response list = api.get(f.messages(), f.auth());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("messages")).containsExactly(message);
        assertThat(list.json().path("meta")).isEqualTo(json("{\"hasMore\":false}"));
    }

    static Stream<Arguments> invalidBodies() {
        String text = "\"content\":{\"type\":\"text\",\"text\":\"Hi\"}";
        return Stream.of(
                Arguments.of("{" + text + "}", "author is required"),
                Arguments.of("{" + BUSINESS + "}", "content is required"),
                Arguments.of("{" + BUSINESS + ",\"content\":{\"type\":\"text\",\"text\":\"" + "x".repeat(4097)
                        + "\"}}", "content.text"),
                Arguments.of("{" + BUSINESS + ",\"content\":{\"type\":\"formResponse\",\"fields\":[]}}",
                        "formResponse"),
                Arguments.of("{" + BUSINESS + ",\"content\":{\"type\":\"template\",\"template\":{}},"
                        + "\"schema\":\"whatsapp\"}", "schema"),
                Arguments.of("{" + BUSINESS + ",\"content\":{\"type\":\"template\",\"template\":{}}}", "template"),
                Arguments.of("{" + BUSINESS + ",\"content\":{\"type\":\"carousel\",\"items\":[]}}", "content.items"),
                Arguments.of("{" + BUSINESS + ",\"content\":{\"type\":\"image\"}}", "content.mediaUrl"),
                Arguments.of("{" + BUSINESS + ",\"content\":{\"type\":\"location\",\"coordinates\":{\"lat\":\"1\","
                        + "\"long\":2}}}", "content.coordinates.lat"),
                Arguments.of("{" + BUSINESS + ",\"content\":{\"type\":\"form\",\"fields\":[]}}", "content.fields"),
                Arguments.of("{" + BUSINESS + "," + text + ",\"metadata\":{\"a\":{\"b\":1}}}", "metadata.a"),
                Arguments.of("{" + BUSINESS + "," + text + ",\"metadata\":{\"a\":\"" + "x".repeat(4100) + "\"}}",
                        "4096 bytes"),
                Arguments.of("{" + BUSINESS + "," + text + ",\"sentAt\":1}", "unknown property 'sentAt'"),
                Arguments.of("{\"author\":{\"type\":\"user\"}," + text + "}", "userId"),
                Arguments.of("{\"author\":{\"type\":\"business\",\"avatarUrl\":\"https://e.org/" + "a".repeat(2048)
                        + "\"}," + text + "}", "author.avatarUrl"),
                Arguments.of("{" + BUSINESS + "," + text + ",\"destination\":{\"integrationType\":\"none\"}}",
                        "personal conversations"),
                Arguments.of("{" + BUSINESS + "," + text + ",\"destination\":{\"integrationType\":\"whatsapp\"}}",
                        "destination"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void invalidBodiesAreRefusedNamingTheFieldAndChangeNothing(String body, String titlePart) {
        Fixture f = fixture();
        Response refused = api.post(f.messages(), f.auth(), body);
        assertError(refused, 400, "bad_request");
        assertThat(refused.json().at("/errors/0/title").asText()).contains(titlePart);
        assertThat(api.get(f.messages(), f.auth()).json().path("messages")).isEmpty();
        assertThat(events(f, "conversation:message")).isEmpty();
    }

    @Test
    void aUserAuthorIsAParticipantNamedByIdOrExternalId() {
        Fixture f = fixture();
        JsonNode byId = post(f, "{\"author\":{\"type\":\"user\",\"userId\":\"" + f.alice() + "\",\"subtypes\":[\"AI\"]},"
                + "\"content\":{\"type\":\"text\",\"text\":\"by id\"}}");
        assertThat(byId.path("author")).isEqualTo(json("{\"type\":\"user\",\"subtypes\":[\"AI\"],\"userId\":\""
                + f.alice() + "\"}"));
        JsonNode byExternalId = post(f, "{\"author\":{\"type\":\"user\",\"userExternalId\":\"" + f.aliceExternalId()
                + "\"},\"content\":{\"type\":\"text\",\"text\":\"by external id\"}}");
        assertThat(byExternalId.path("author")).isEqualTo(json("{\"type\":\"user\",\"userId\":\"" + f.alice() + "\"}"));

        for (String stranger : List.of(f.outsider(), "0123456789abcdef01234567")) {
            Response refused = api.post(f.messages(), f.auth(), "{\"author\":{\"type\":\"user\",\"userId\":\""
                    + stranger + "\"},\"content\":{\"type\":\"text\",\"text\":\"hi\"}}");
            assertError(refused, 400, "bad_request", stranger);
            assertThat(refused.json().at("/errors/0/title").asText()).contains("not a participant");
        }
        assertThat(idsOf(api.get(f.messages(), f.auth()).json().path("messages")))
                .containsExactly(byId.path("id").asText(), byExternalId.path("id").asText());
    }

    @Test
    void eachMessageRecordsItsConversationMessageEventRightAfterIt() {
        Fixture f = fixture();
        JsonNode message = post(f, "{\"author\":{\"type\":\"user\",\"userId\":\"" + f.alice() + "\"},"
                + "\"content\":{\"type\":\"text\",\"text\":\"Hello\"},\"metadata\":{\"n\":1}}");
        List<JsonNode> events = events(f, "conversation:message");
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.path("id").asText()).isGreaterThan(message.path("id").asText());
        JsonNode payload = event.path("payload");
        assertThat(fieldNames(payload)).containsExactly("conversation", "message");
        assertThat(payload.path("conversation")).isEqualTo(json("{\"id\":\"" + f.conversation()
                + "\",\"type\":\"sdkGroup\",\"metadata\":{}}"));
        ObjectNode expected = message.deepCopy();
        ((ObjectNode) expected.path("author")).set("user", json("{\"id\":\"" + f.alice() + "\",\"externalId\":\""
                + f.aliceExternalId() + "\",\"authenticated\":false}"));
        assertThat(payload.path("message")).isEqualTo(expected);
    }

    @Test
    void messagesCountAsUnreadForTheOtherParticipantsAndMoveLastUpdatedAt() {
        Fixture f = fixture();
        String before = api.get(f.conversationPath(), f.auth()).at("/conversation/lastUpdatedAt");
        post(f, "{\"author\":{\"type\":\"user\",\"userId\":\"" + f.alice() + "\"},\"content\":{\"type\":\"text\","
                + "\"text\":\"one\"}}");
        postText(f, "two");
        assertThat(unreadCounts(f)).containsExactly(1, 2);
        String after = api.get(f.conversationPath(), f.auth()).at("/conversation/lastUpdatedAt");
        assertThat(after).matches(RECEIVED).isGreaterThanOrEqualTo(before);
    }

    /** Alice's and Bob's unread counts. */
    private static List<Integer> unreadCounts(Fixture f) {
        JsonNode participants = api.get(f.conversationPath() + "/participants", f.auth()).json().path("participants");
        List<Integer> counts = new ArrayList<>();
        for (String user : List.of(f.alice(), f.bob())) {
            participants.forEach(p -> {
                if (p.path("userId").asText().equals(user)) {
                    counts.add(p.path("unreadCount").asInt());
                }
            });
        }
        return counts;
    }

    @Test
    void pagesGoBackFromTheNewestHundredAndForwardAgainWithEveryMessageOnce() {
        Fixture f = fixture();
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            posted.add(postText(f, "message " + i).path("id").asText());
        }
        Response newest = api.get(f.messages() + "?page[size]=5", f.auth());
        assertThat(idsOf(newest.json().path("messages"))).containsExactlyElementsOf(posted.subList(150, 250));
        assertThat(newest.json().path("meta")).isEqualTo(json("{\"hasMore\":true,\"beforeCursor\":\""
                + posted.get(150) + "\"}"));
        assertThat(newest.json().at("/links/prev").asText()).contains("page[before]=" + posted.get(150));
        assertThat(newest.json().path("links").has("next")).isFalse();

        List<String> walked = new ArrayList<>(idsOf(newest.json().path("messages")));
        Response page = newest;
        while (page.json().at("/meta/hasMore").asBoolean()) {
            page = api.get(f.messages() + "?page[before]=" + page.json().at("/meta/beforeCursor").asText(), f.auth());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode messages = page.json().path("messages");
            assertThat(page.json().at("/meta/afterCursor").asText())
                    .isEqualTo(messages.get(messages.size() - 1).path("id").asText());
            walked.addAll(0, idsOf(page.json().path("messages")));
        }
        assertThat(walked).containsExactlyElementsOf(posted);
        assertThat(idsOf(page.json().path("messages"))).containsExactlyElementsOf(posted.subList(0, 50));

        List<String> forward = new ArrayList<>(idsOf(page.json().path("messages")));
        page = api.get(f.messages() + "?page[after]=" + page.json().at("/meta/afterCursor").asText(), f.auth());
        forward.addAll(idsOf(page.json().path("messages")));
        assertThat(page.json().at("/meta/hasMore").asBoolean()).isTrue();
        page = api.get(f.messages() + "?page[after]=" + page.json().at("/meta/afterCursor").asText(), f.auth());
        forward.addAll(idsOf(page.json().path("messages")));
        assertThat(page.json().at("/meta/hasMore").asBoolean()).isFalse();
        assertThat(page.json().at("/meta/beforeCursor").asText()).isEqualTo(posted.get(150));
        assertThat(forward).containsExactlyElementsOf(posted);

        assertError(api.get(f.messages() + "?page[before]=latest", f.auth()), 400, "bad_request");
        assertError(api.get(f.messages() + "?page[before]=" + posted.get(0) + "&page[after]=" + posted.get(1),
                f.auth()), 400, "bad_request");
    }

    @Test
    void deletingOneMessageOrAllRemovesThemAndRecordsIt() {
        Fixture f = fixture();
        String first = postText(f, "one").path("id").asText();
        String second = postText(f, "two").path("id").asText();
        postText(f, "three");

        assertEmptyOk(api.delete(f.messages() + "/" + second, f.auth()));
        assertThat(idsOf(api.get(f.messages(), f.auth()).json().path("messages"))).hasSize(2).contains(first)
                .doesNotContain(second);
        assertError(api.delete(f.messages() + "/" + second, f.auth()), 404, "message_not_found");
        assertError(api.delete(f.messages() + "/not-an-id", f.auth()), 404, "message_not_found");
        JsonNode deleted = events(f, "conversation:message:delete").get(0).path("payload");
        assertThat(deleted.at("/message/id").asText()).isEqualTo(second);
        assertThat(deleted.at("/conversation/id").asText()).isEqualTo(f.conversation());

        assertEmptyOk(api.delete(f.messages(), f.auth()));
        assertThat(api.get(f.messages(), f.auth()).json().path("messages")).isEmpty();
        assertThat(events(f, "conversation:messages:delete")).hasSize(1);
        assertThat(api.get(f.conversationPath() + "/participants", f.auth()).json().path("participants")).hasSize(2);
    }

    @Test
    void aConversationThatDoesNotExistIsA404() {
        Fixture f = fixture();
        String missing = "/v2/apps/" + f.appId() + "/conversations/0123456789abcdef01234567";
        String text = "{" + BUSINESS + ",\"content\":{\"type\":\"text\",\"text\":\"Hi\"}}";
        assertError(api.post(missing + "/messages", f.auth(), text), 404, "conversation_not_found");
        assertError(api.get(missing + "/messages", f.auth()), 404, "not_found");
        assertError(api.delete(missing + "/messages", f.auth()), 404, "conversation_not_found");
        assertError(api.delete(missing + "/messages/0123456789abcdef01234567", f.auth()), 404,
                "conversation_not_found");
        assertError(api.post(missing + "/activity", f.auth(), "{" + BUSINESS + ",\"type\":\"typing:start\"}"), 404,
                "conversation_not_found");
    }

    @Test
    void typingIsAnEventNotAMessage() {
        Fixture f = fixture();
        assertEmptyOk(api.post(f.conversationPath() + "/activity", f.auth(),
                "{\"author\":{\"type\":\"business\",\"displayName\":\"Steve\"},\"type\":\"typing:start\"}"));
        assertEmptyOk(api.post(f.conversationPath() + "/activity", f.auth(), "{" + BUSINESS + ",\"type\":\"typing:stop\"}"));
        List<JsonNode> typing = events(f, "conversation:typing");
        assertThat(typing).hasSize(2);
        assertThat(typing.get(0).path("payload")).isEqualTo(json("{\"conversation\":{\"id\":\"" + f.conversation()
                + "\",\"type\":\"sdkGroup\",\"metadata\":{}},\"activity\":{\"type\":\"typing:start\",\"author\":"
                + "{\"type\":\"business\",\"displayName\":\"Steve\"},\"source\":{\"type\":\"api:conversations\"}}}"));
        assertThat(typing.get(1).at("/payload/activity/type").asText()).isEqualTo("typing:stop");
        assertThat(api.get(f.messages(), f.auth()).json().path("messages")).isEmpty();

        Response userTyping = api.post(f.conversationPath() + "/activity", f.auth(),
                "{\"author\":{\"type\":\"user\",\"userId\":\"" + f.alice() + "\"},\"type\":\"typing:start\"}");
        assertError(userTyping, 400, "bad_request");
        assertThat(userTyping.json().at("/errors/0/title").asText()).contains("conversation:read");
        assertError(api.post(f.conversationPath() + "/activity", f.auth(), "{" + BUSINESS + ",\"type\":\"typing\"}"),
                400, "bad_request");
        assertError(api.post(f.conversationPath() + "/activity", f.auth(), "{\"author\":{\"type\":\"user\","
                + "\"userId\":\"" + f.outsider() + "\"},\"type\":\"conversation:read\"}"), 400, "bad_request");
        assertThat(events(f, "conversation:typing")).hasSize(2);
    }

    @Test
    void readsClearTheReadersUnreadCountOrSetTheBusinessLastRead() {
        Fixture f = fixture();
        postText(f, "one");
        postText(f, "two");
        assertEmptyOk(api.post(f.conversationPath() + "/activity", f.auth(), "{\"author\":{\"type\":\"user\","
                + "\"userExternalId\":\"" + f.aliceExternalId() + "\"},\"type\":\"conversation:read\"}"));
        assertThat(unreadCounts(f)).containsExactly(0, 2);
        JsonNode participants = api.get(f.conversationPath() + "/participants", f.auth()).json().path("participants");
        participants.forEach(p -> {
            if (p.path("userId").asText().equals(f.alice())) {
                assertThat(p.path("lastRead").asText()).matches(RECEIVED);
            }
        });
        JsonNode read = events(f, "conversation:read").get(0).path("payload").path("activity");
        assertThat(read.path("author")).isEqualTo(json("{\"type\":\"user\",\"userId\":\"" + f.alice() + "\",\"user\":"
                + "{\"id\":\"" + f.alice() + "\",\"externalId\":\"" + f.aliceExternalId() + "\",\"authenticated\":false}}"));

        assertThat(api.get(f.conversationPath(), f.auth()).json().at("/conversation/businessLastRead").isMissingNode())
                .isTrue();
        assertEmptyOk(api.post(f.conversationPath() + "/activity", f.auth(), "{" + BUSINESS
                + ",\"type\":\"conversation:read\"}"));
        assertThat(api.get(f.conversationPath(), f.auth()).at("/conversation/businessLastRead")).matches(RECEIVED);
        assertThat(events(f, "conversation:read")).hasSize(2);
    }

    @Test
    void everyKeyThatReachesTheAppMayUseItAndOthersAreRefused() {
        Fixture f = fixture();
        String otherApp = createApp(f.auth(), "Other");
        String granted = createServiceAccount(f.auth(), "granted");
        assertEmptyOk(api.put("/v2/serviceaccounts/" + granted + "/apps/" + f.appId(), f.auth()));
        Auth grantedKey = createServiceAccountKey(f.auth(), granted, "k").basic();
        Auth ungrantedKey = createServiceAccountKey(f.auth(), createServiceAccount(f.auth(), "ungranted"), "k").basic();
        Auth appKey = createAppKey(f.auth(), f.appId(), "own").basic();
        Auth otherAppKey = createAppKey(f.auth(), otherApp, "other").basic();
        Auth otherAccount = createAccount("Other " + UUID.randomUUID(), null).basic();

        for (Auth allowed : List.of(f.auth(), f.account().jwt(), grantedKey, appKey)) {
            String id = postText(f, "allowed").path("id").asText();
            assertThat(api.get(f.messages(), allowed).status()).isEqualTo(200);
            assertEmptyOk(api.post(f.conversationPath() + "/activity", allowed, "{" + BUSINESS
                    + ",\"type\":\"typing:start\"}"));
            assertEmptyOk(api.delete(f.messages() + "/" + id, allowed));
            assertThat(created(f.messages(), allowed, "{" + BUSINESS + ",\"content\":{\"type\":\"text\","
                    + "\"text\":\"x\"}}").status()).isEqualTo(201);
            assertEmptyOk(api.delete(f.messages(), allowed));
        }
        String kept = postText(f, "kept").path("id").asText();
        // An app key on another app of its account finds nothing there, as for another account's app.
        for (Auth refused : List.of(ungrantedKey, otherAccount, otherAppKey)) {
            everyRequest(f, kept, refused).forEach(answer -> assertError(answer, 404, "app_not_found"));
        }
        assertThat(idsOf(api.get(f.messages(), f.auth()).json().path("messages"))).containsExactly(kept);
    }

    private static List<Response> everyRequest(Fixture f, String messageId, Auth caller) {
        return List.of(
                api.post(f.messages(), caller, "{" + BUSINESS + ",\"content\":{\"type\":\"text\",\"text\":\"x\"}}"),
                api.get(f.messages(), caller),
                api.delete(f.messages() + "/" + messageId, caller),
                api.delete(f.messages(), caller),
                api.post(f.conversationPath() + "/activity", caller, "{" + BUSINESS + ",\"type\":\"typing:start\"}"));
    }

    @Test
    void aPostLocksOnlyItsOwnConversation() throws Exception {
        Fixture f = fixture();
        String other = f.app().createConversation("personal", f.outsider());
        try (Connection db = server.connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement(
                    "SELECT id FROM conversations WHERE app_id = ? AND id = ? FOR UPDATE")) {
                lock.setString(1, f.appId());
                lock.setString(2, f.conversation());
                assertThat(lock.executeQuery().next()).isTrue();
            }
            // While another transaction holds the first conversation's row, the app's other conversation takes
            // posts, activity and deletes.
            String otherMessages = f.app().path("/conversations/" + other + "/messages");
            String id = created(otherMessages, f.auth(), "{" + BUSINESS + ",\"content\":{\"type\":\"text\","
                    + "\"text\":\"not held up\"}}").json().at("/messages/0/id").asText();
            assertEmptyOk(api.post(f.app().path("/conversations/" + other + "/activity"), f.auth(),
                    "{" + BUSINESS + ",\"type\":\"typing:start\"}"));
            assertEmptyOk(api.delete(otherMessages + "/" + id, f.auth()));
            db.rollback();
        }
        assertThat(postText(f, "after the lock").path("id").asText()).matches(HEX_ID);
    }

    @Test
    void concurrentPostsToOneConversationAreAllStoredInTheOneOrderOfPagesAndEvents() throws Exception {
        Fixture f = fixture();
        int posts = 48;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < posts; i++) {
                String text = "concurrent " + i;
                answers.add(pool.submit(() -> api.post(f.messages(), f.auth(), "{" + BUSINESS
                        + ",\"content\":{\"type\":\"text\",\"text\":\"" + text + "\"}}")));
            }
            for (Future<Response> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        List<String> stored = idsOf(api.get(f.messages(), f.auth()).json().path("messages"));
        assertThat(stored).hasSize(posts).isSorted().doesNotHaveDuplicates();
        List<String> recorded = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (JsonNode event : events(f, "conversation:message")) {
            recorded.add(event.at("/payload/message/id").asText());
            eventIds.add(event.path("id").asText());
        }
        assertThat(recorded).containsExactlyElementsOf(stored);
        for (int i = 0; i < posts; i++) {
            assertThat(eventIds.get(i)).isGreaterThan(stored.get(i));
            if (i + 1 < posts) {
                assertThat(eventIds.get(i)).isLessThan(stored.get(i + 1));
            }
        }
        assertThat(unreadCounts(f)).containsExactly(posts, posts);
    }
}
