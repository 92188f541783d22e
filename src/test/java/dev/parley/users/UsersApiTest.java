package dev.parley.users;

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

class UsersApiTest extends ApiTest {
    private DataPlane app;

    @BeforeEach
    void newApp() {
        AccountFixture account = createAccount("Users", null);
        app = new DataPlane(api, createApp(account.basic(), "Users"), account.basic());
    }

    @Test
    void createsAUserAsUpstreamShowsIt() {
        Response created = app.created("/users", "{\"externalId\":\"ext-1\","
                + "\"signedUpAt\":\"2026-01-02T03:04:05+01:00\","
                + "\"toBeRetained\":true,\"profile\":{\"givenName\":\"Ada\",\"surname\":\"Lovelace\","
                + "\"email\":\"ada@example.com\",\"avatarUrl\":\"https://example.com/a.png\",\"locale\":\"en-GB\"},"
                + "\"metadata\":{\"plan\":\"gold\",\"seats\":3,\"vip\":true}}");
        JsonNode user = created.json().path("user");
        assertThat(user.path("id").asText()).matches(HEX_ID);
        assertThat(user.path("externalId").asText()).isEqualTo("ext-1");
        assertThat(user.path("signedUpAt").asText()).isEqualTo("2026-01-02T02:04:05.000Z");
        assertThat(user.path("toBeRetained").asBoolean()).isTrue();
        assertThat(user.path("profile")).isEqualTo(json("{\"givenName\":\"Ada\",\"surname\":\"Lovelace\","
                + "\"email\":\"ada@example.com\",\"avatarUrl\":\"https://example.com/a.png\",\"locale\":\"en-GB\"}"));
        assertThat(user.path("metadata")).isEqualTo(json("{\"plan\":\"gold\",\"seats\":3,\"vip\":true}"));
        assertThat(user.path("identities").isArray() && user.path("identities").isEmpty()).isTrue();
        assertThat(user.path("authenticated").isBoolean() && !user.path("authenticated").asBoolean()).isTrue();

        assertThat(app.get("/users/" + user.path("id").asText()).json().path("user")).isEqualTo(user);
        assertThat(app.get("/users/ext-1").json().path("user")).isEqualTo(user);
    }

    @Test
    void aUserWithoutFieldsHasEmptyMetadataAndProfile() {
        JsonNode user = app.created("/users", "{}").json().path("user");
        assertThat(user.path("metadata")).isEqualTo(json("{}"));
        assertThat(user.path("profile")).isEqualTo(json("{}"));
        assertThat(user.path("toBeRetained").asBoolean()).isFalse();
        assertThat(user.has("externalId")).isFalse();
    }

    @Test
    void anExternalIdTheAppHasIsAConflict() {
        app.createUser("taken");
        Response again = app.post("/users", "{\"externalId\":\"taken\"}");
        assertError(again, 409, "conflict");
        assertThat(again.at("/errors/0/title")).isEqualTo("User already exists");

        AccountFixture other = createAccount("Other users", null);
        DataPlane otherApp = new DataPlane(api, createApp(other.basic(), "Other"), other.basic());
        assertThat(otherApp.post("/users", "{\"externalId\":\"taken\"}").status()).as("another app's users")
                .isEqualTo(201);
    }

    @Test
    void concurrentCreationsWithOneExternalIdMakeOneUser() throws Exception {
        Map<Integer, Long> statuses = Race.of(8, i -> app.post("/users", "{\"externalId\":\"racer\"}"))
                .stream().collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(statuses).as("%s", statuses).containsOnlyKeys(201, 409);
        assertThat(statuses.get(201)).isEqualTo(1);
    }

    @Test
    void badFieldsAreRefusedByNameAndChangeNothing() {
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("externalId", "{\"externalId\":\"\"}"),
                Map.entry("externalId ", "{\"externalId\":\"" + "x".repeat(1025) + "\"}"),
                Map.entry("externalId  ", "{\"externalId\":5}"),
                Map.entry("profile.givenName", "{\"profile\":{\"givenName\":\"\"}}"),
                Map.entry("profile.surname", "{\"profile\":{\"surname\":\"" + "s".repeat(129) + "\"}}"),
                Map.entry("profile.email", "{\"profile\":{\"email\":\"" + "e".repeat(129) + "\"}}"),
                Map.entry("profile.avatarUrl", "{\"profile\":{\"avatarUrl\":\"" + "a".repeat(2049) + "\"}}"),
                Map.entry("profile.locale", "{\"profile\":{\"locale\":\"" + "l".repeat(65) + "\"}}"),
                Map.entry("profile", "{\"profile\":{\"nickname\":\"x\"}}"),
                Map.entry("toBeRetained", "{\"toBeRetained\":\"true\"}"),
                Map.entry("signedUpAt", "{\"signedUpAt\":\"yesterday\"}"),
                Map.entry("metadata", "{\"metadata\":{\"nested\":{\"no\":1}}}"),
                Map.entry("zendeskId", "{\"zendeskId\":\"z\"}"));
        bodies.forEach((field, body) -> {
            Response refused = app.post("/users", body.startsWith("{\"externalId\"") ? body
                    : "{\"externalId\":\"bad\"," + body.substring(1));
            assertError(refused, 400, "bad_request", body);
            assertThat(refused.at("/errors/0/title")).as(body).contains(field.strip());
        });
        assertError(app.get("/users/bad"), 404, "user_not_found");
    }

    @Test
    void updatesAUserButNeverItsExternalId() {
        String id = app.createUser("patched");
        Response patched = api.patch(app.path("/users/patched"), app.auth(),
                "{\"profile\":{\"givenName\":\"Grace\"},\"metadata\":{\"tier\":2},\"toBeRetained\":true}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("user").path("profile")).isEqualTo(json("{\"givenName\":\"Grace\"}"));
        assertThat(patched.json().path("user").path("metadata")).isEqualTo(json("{\"tier\":2}"));
        assertThat(app.get("/users/" + id).json()).isEqualTo(patched.json());

        Response refused = api.patch(app.path("/users/" + id), app.auth(), "{\"externalId\":\"other\"}");
        assertError(refused, 400, "bad_request");
        assertThat(refused.at("/errors/0/title")).contains("externalId");
        Response nulled = api.patch(app.path("/users/" + id), app.auth(), "{\"metadata\":null}");
        assertThat(nulled.json().path("user").path("metadata")).as("metadata is never null").isEqualTo(json("{}"));
        assertError(api.patch(app.path("/users/nobody"), app.auth(), "{}"), 404, "user_not_found");
    }

    @Test
    void deletingAUserTakesItsPersonalConversationsAndRecordsUserRemove() {
        String id = app.createUser("leaving");
        String stays = app.createUser(null);
        String personal = app.createConversation("personal", id);
        String group = app.createConversation("sdkGroup", id, stays);

        assertEmptyOk(api.delete(app.path("/users/leaving"), app.auth()));

        assertError(app.get("/users/" + id), 404, "user_not_found");
        assertError(app.get("/conversations/" + personal), 404, "conversation_not_found");
        assertThat(idsOf(app.get("/conversations/" + group + "/participants").json().path("participants"),
                "userId")).containsExactly(stays);
        List<JsonNode> removed = app.events("user:remove");
        assertThat(removed).hasSize(1);
        assertThat(removed.get(0).path("payload")).isEqualTo(json("{\"user\":{\"id\":\"" + id
                + "\",\"externalId\":\"leaving\",\"authenticated\":false}}"));
        assertError(api.delete(app.path("/users/leaving"), app.auth()), 404, "user_not_found");
    }

    @Test
    void deletingPersonalInformationKeepsTheUserAndItsConversations() {
        String id = app.created("/users", "{\"externalId\":\"private\",\"profile\":{\"email\":\"p@example.com\"},"
                + "\"metadata\":{\"a\":1}}").at("/user/id");
        String personal = app.createConversation("personal", id);
        Response cleared = api.delete(app.path("/users/private/personalinformation"), app.auth());
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().path("user").path("profile")).isEqualTo(json("{}"));
        assertThat(cleared.json().path("user").path("metadata")).isEqualTo(json("{}"));
        assertThat(cleared.at("/user/externalId")).isEqualTo("private");
        assertThat(app.get("/users/" + id).json()).isEqualTo(cleared.json());
        assertThat(app.get("/conversations/" + personal).status()).isEqualTo(200);
        assertError(api.delete(app.path("/users/nobody/personalinformation"), app.auth()), 404, "user_not_found");
    }

    @Test
    void aUserMadeThroughTheApiHasNoClientsOrDevices() {
        String id = app.createUser("plain");
        Response clients = app.get("/users/" + id + "/clients");
        assertThat(clients.status()).as(clients.toString()).isEqualTo(200);
        assertThat(clients.json()).isEqualTo(json("{\"clients\":[],\"meta\":{\"hasMore\":false},\"links\":{}}"));
        assertThat(app.get("/users/plain/devices").json()).isEqualTo(json("{\"devices\":[]}"));
        assertError(app.get("/users/plain/devices/5d8cff3cd55b040010928b5b"), 404, "device_not_found");
        assertError(api.delete(app.path("/users/plain/clients/5d8cff3cd55b040010928b5b"), app.auth()), 404,
                "client_not_found");
        assertError(app.get("/users/plain/clients?page[size]=0"), 400, "bad_request");

        Response link = app.post("/users/plain/clients", "{\"matchCriteria\":{\"type\":\"twilio\"},"
                + "\"confirmation\":{\"type\":\"immediate\"},\"target\":{\"conversationId\":\"x\"}}");
        assertError(link, 400, "bad_request");
        assertThat(link.at("/errors/0/title")).isEqualTo("This server supports no channel types for linking yet");
    }

    @Test
    void everyRouteOfAnUnknownUserIsUserNotFound() {
        for (Response answer : List.of(app.get("/users/nobody/clients"), app.get("/users/nobody/devices"),
                app.get("/users/nobody/devices/5d8cff3cd55b040010928b5b"),
                api.delete(app.path("/users/nobody/clients/5d8cff3cd55b040010928b5b"), app.auth()),
                app.post("/users/nobody/clients", "{}"), api.delete(app.path("/users/nobody"), app.auth()))) {
            assertError(answer, 404, "user_not_found");
        }
    }
}
