package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Race;
import dev.parley.testing.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationsApiTest extends ApiTest {
    private static final String TIMESTAMP = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$";
    private AccountFixture account;
    private DataPlane app;

    @BeforeEach
    void newApp() {
        account = createAccount("Conversations", null);
        app = new DataPlane(api, createApp(account.basic(), "Conversations"), account.basic());
    }

    @Test
    void aUsersFirstPersonalConversationIsItsDefaultAndRecordsConversationCreate() {
        String user = app.createUser("first");
        JsonNode conversation = app.created("/conversations", "{\"type\":\"personal\",\"participants\":"
                + "[{\"userExternalId\":\"first\",\"subscribeSDKClient\":false}],\"displayName\":\"Support\","
                + "\"description\":\"Help with orders\",\"iconUrl\":\"https://example.com/i.png\","
                + "\"metadata\":{\"lang\":\"en\"}}").json().path("conversation");
        assertThat(conversation.path("id").asText()).matches(HEX_ID);
        assertThat(fieldNames(conversation)).containsExactlyInAnyOrder("id", "type", "metadata", "isDefault",
                "displayName", "description", "iconUrl", "lastUpdatedAt", "createdAt");
        assertThat(conversation.path("type").asText()).isEqualTo("personal");
        assertThat(conversation.path("isDefault").asBoolean()).isTrue();
        assertThat(conversation.path("metadata")).isEqualTo(json("{\"lang\":\"en\"}"));
        assertThat(conversation.path("createdAt").asText()).matches(TIMESTAMP);
        assertThat(conversation.path("lastUpdatedAt").asText()).isEqualTo(conversation.path("createdAt").asText());
        assertThat(app.get("/conversations/" + conversation.path("id").asText()).json().path("conversation"))
                .isEqualTo(conversation);

        List<JsonNode> events = app.events("conversation:create");
        assertThat(events).hasSize(1);
        JsonNode payload = events.get(0).path("payload");
        assertThat(payload.path("conversation")).isEqualTo(conversation);
        assertThat(payload.path("creationReason").asText()).isEqualTo("none");
        assertThat(payload.path("user")).isEqualTo(json("{\"id\":\"" + user
                + "\",\"externalId\":\"first\",\"authenticated\":false}"));
    }

    @Test
    void participantCountsFollowTheType() {
        String[] users = new String[11];
        for (int i = 0; i < users.length; i++) {
            users[i] = app.createUser("eleven-" + i);
        }
        for (String body : List.of("{\"type\":\"personal\",\"participants\":[]}",
                "{\"type\":\"personal\",\"participants\":[{\"userId\":\"" + users[0] + "\"},{\"userId\":\""
                        + users[1] + "\"}]}",
                "{\"type\":\"sdkGroup\",\"participants\":[" + DataPlane.participants(users) + "]}",
                "{\"type\":\"sdkGroup\",\"participants\":[{\"userId\":\"" + users[0] + "\"},{\"userId\":\""
                        + users[0] + "\"}]}",
                "{\"type\":\"sdkGroup\",\"participants\":[{\"userId\":\"" + users[1] + "\"},{\"userExternalId\":\""
                        + "eleven-1\"}]}",
                "{\"type\":\"group\"}", "{\"participants\":[]}",
                "{\"type\":\"sdkGroup\",\"participants\":[{\"userId\":\"" + users[0] + "\",\"userExternalId\":\"x\"}]}",
                "{\"type\":\"sdkGroup\",\"participants\":[{}]}",
                "{\"type\":\"sdkGroup\",\"displayName\":\"" + "d".repeat(101) + "\"}",
                "{\"type\":\"sdkGroup\",\"description\":\"\"}",
                "{\"type\":\"sdkGroup\",\"iconUrl\":\"" + "i".repeat(2049) + "\"}",
                "{\"type\":\"sdkGroup\",\"metadata\":[]}",
                "{\"type\":\"sdkGroup\",\"activeSwitchboardIntegration\":{}}")) {
            assertError(app.post("/conversations", body), 400, "bad_request", body);
        }
        assertThat(app.events("conversation:create")).as("refused bodies change nothing").isEmpty();

        JsonNode empty = app.created("/conversations", "{\"type\":\"sdkGroup\"}").json().path("conversation");
        assertThat(empty.path("isDefault").asBoolean()).isFalse();
        String ten = app.createConversation("sdkGroup", List.of(users).subList(0, 10).toArray(String[]::new));
        assertThat(app.get("/conversations/" + ten + "/participants?page[size]=100").json().path("participants"))
                .hasSize(10);
        assertThat(app.events("conversation:create").get(1).path("payload").has("user"))
                .as("only a personal conversation's event names its user").isFalse();
    }

    @Test
    void anUnknownParticipantIsUserNotFoundAndCreatesNothing() {
        assertError(app.post("/conversations", "{\"type\":\"personal\",\"participants\":[{\"userExternalId\":"
                + "\"nobody\"}]}"), 404, "user_not_found");
        assertError(app.post("/conversations", "{\"type\":\"sdkGroup\",\"participants\":[{\"userId\":\""
                + app.createUser(null) + "\"},{\"userId\":\"5d8cff3cd55b040010928b5b\"}]}"), 404, "user_not_found");
        assertThat(app.events("conversation:create")).isEmpty();
    }

    @Test
    void withoutMultiConvoAUserHasOnePersonalConversation() {
        String user = app.createUser("single");
        String first = app.createConversation("personal", user);
        Response second = app.post("/conversations", "{\"type\":\"personal\",\"participants\":[{\"userId\":\""
                + user + "\"}]}");
        assertError(second, 409, "conflict");
        assertThat(second.at("/errors/0/title")).contains("multiConvoEnabled");

        Response enabled = api.patch("/v2/apps/" + app.appId(), account.basic(),
                "{\"settings\":{\"multiConvoEnabled\":true}}");
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        JsonNode another = app.created("/conversations", "{\"type\":\"personal\",\"participants\":[{\"userId\":\""
                + user + "\"}]}").json().path("conversation");
        assertThat(another.path("isDefault").asBoolean()).isFalse();

        Response refused = api.delete(app.path("/conversations/" + first), app.auth());
        assertError(refused, 400, "bad_request");
        assertThat(refused.at("/errors/0/title")).contains("default");
        assertEmptyOk(api.delete(app.path("/conversations/" + another.path("id").asText()), app.auth()));
        assertError(app.get("/conversations/" + another.path("id").asText()), 404, "conversation_not_found");
        List<JsonNode> removed = app.events("conversation:remove");
        assertThat(removed).hasSize(1);
        assertThat(removed.get(0).path("payload").path("conversation")).isEqualTo(another);
    }

    @Test
    void concurrentPersonalConversationsOfOneUserMakeOne() throws Exception {
        String user = app.createUser(null);
        Map<Integer, Long> statuses = Race.of(6, i -> app.post("/conversations", "{\"type\":\"personal\","
                        + "\"participants\":[{\"userId\":\"" + user + "\"}]}"))
                .stream().collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(statuses).as("%s", statuses).containsOnlyKeys(201, 409);
        assertThat(statuses.get(201)).isEqualTo(1);
    }

    @Test
    void listsAUsersConversationsByEitherFilter() {
        String user = app.createUser("lister");
        String other = app.createUser(null);
        String personal = app.createConversation("personal", user);
        String group = app.createConversation("sdkGroup", user, other);
        app.createConversation("sdkGroup", other);

        Response byId = app.get("/conversations?filter[userId]=" + user);
        assertThat(byId.status()).as(byId.toString()).isEqualTo(200);
        assertThat(idsOf(byId.json().path("conversations"))).containsExactly(personal, group);
        assertThat(idsOf(app.get("/conversations?filter[userExternalId]=lister").json().path("conversations")))
                .containsExactly(personal, group);

        Response first = app.get("/conversations?filter[userExternalId]=lister&page[size]=1");
        assertThat(idsOf(first.json().path("conversations"))).containsExactly(personal);
        assertThat(first.json().at("/meta/hasMore").asBoolean()).isTrue();
        String next = first.json().at("/links/next").asText();
        assertThat(next).contains("filter[userExternalId]=lister");
        Response second = api.get(next.substring(next.indexOf("/v2/")), app.auth());
        assertThat(idsOf(second.json().path("conversations"))).containsExactly(group);
        assertThat(second.json().at("/meta/hasMore").asBoolean()).isFalse();

        assertError(app.get("/conversations"), 400, "bad_request");
        assertError(app.get("/conversations?filter[userId]=" + user + "&filter[userExternalId]=lister"), 400,
                "bad_request");
        assertError(app.get("/conversations?filter[userId]=" + user + "&page[after]=nope"), 400, "bad_request");
        assertError(app.get("/conversations?filter[userId]=5d8cff3cd55b040010928b5b"), 404, "user_not_found");
        assertError(app.get("/conversations?filter[userExternalId]=nobody"), 404, "user_not_found");
    }

    @Test
    void updatesAConversationsDetails() {
        String id = app.created("/conversations", "{\"type\":\"sdkGroup\",\"displayName\":\"Old\"}")
                .at("/conversation/id");
        Response patched = api.patch(app.path("/conversations/" + id), app.auth(), "{\"displayName\":null,"
                + "\"description\":\"New\",\"iconUrl\":\"https://example.com/n.png\",\"metadata\":{\"k\":\"v\"}}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode conversation = patched.json().path("conversation");
        assertThat(conversation.has("displayName")).as("null unsets").isFalse();
        assertThat(conversation.path("description").asText()).isEqualTo("New");
        assertThat(conversation.path("iconUrl").asText()).isEqualTo("https://example.com/n.png");
        assertThat(conversation.path("metadata")).isEqualTo(json("{\"k\":\"v\"}"));
        assertThat(app.get("/conversations/" + id).json()).isEqualTo(patched.json());

        for (String body : List.of("{\"displayName\":\"" + "d".repeat(101) + "\"}", "{\"type\":\"personal\"}",
                "{\"description\":7}", "{\"metadata\":{\"a\":null}}")) {
            assertError(api.patch(app.path("/conversations/" + id), app.auth(), body), 400, "bad_request", body);
        }
        assertThat(app.get("/conversations/" + id).json()).as("refused changes change nothing")
                .isEqualTo(patched.json());
    }

    @Test
    void anUnknownConversationIsConversationNotFound() {
        String missing = "/conversations/5d8cff3cd55b040010928b5b";
        for (Response answer : List.of(app.get(missing), api.patch(app.path(missing), app.auth(), "{}"),
                api.delete(app.path(missing), app.auth()), app.get(missing + "/participants"),
                app.post(missing + "/join", "{\"userId\":\"" + app.createUser(null) + "\"}"),
                app.post(missing + "/leave", "{\"participantId\":\"5d8cff3cd55b040010928b5b\"}"),
                app.get("/conversations/not-an-id"))) {
            assertError(answer, 404, "conversation_not_found");
        }
    }
}
