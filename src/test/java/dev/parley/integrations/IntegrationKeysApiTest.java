package dev.parley.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Race;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Integration keys ({@code int_}): made, listed, read and deleted through the one key service, at most ten per
 * custom integration; what they reach (their own app's data and their own integration's webhooks, nothing else);
 * and their revocation with the key, the integration or the app.
 */
class IntegrationKeysApiTest extends IntegrationApiTest {
    private static final String INTEGRATION_KEY_ID = "^int_[0-9a-f]{24}$";
    private static final String BUSINESS = "\"author\":{\"type\":\"business\"}";

    private String keys() {
        return "/" + integrationId + "/keys";
    }

    @Test
    void aKeyIsCreatedListedReadAndDeletedWithItsSecret() {
        Response created = integrations.post(keys(), "{\"displayName\":\"Bot key\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(fieldNames(created.json())).containsExactly("key");
        JsonNode key = created.json().path("key");
        assertThat(fieldNames(key)).containsExactlyInAnyOrder("id", "displayName", "secret");
        assertThat(key.path("id").asText()).matches(INTEGRATION_KEY_ID);
        assertThat(key.path("secret").asText()).matches(SECRET);
        assertThat(key.path("displayName").asText()).isEqualTo("Bot key");
        String id = key.path("id").asText();

        Response list = integrations.get(keys());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(fieldNames(list.json())).as("unpaginated").containsExactly("keys");
        assertThat(list.json().path("keys")).containsExactly(key);
        assertThat(integrations.get(keys() + "/" + id).json().path("key")).isEqualTo(key);
        assertThat(api.get("/v2/apps/" + appId + "/keys", account.basic()).json().path("keys"))
                .as("an app's own keys are not its integrations'").isEmpty();
        assertError(api.get("/v2/apps/" + appId + "/keys/" + id, account.basic()), 404, "not_found");

        assertEmptyOk(integrations.delete(keys() + "/" + id));
        assertError(integrations.get(keys() + "/" + id), 404, "not_found");
        assertError(integrations.delete(keys() + "/" + id), 404, "not_found");
        assertThat(integrations.get(keys()).json().path("keys")).isEmpty();
        assertThat(audited()).containsSubsequence(
                "integration_key.create " + id + " by account_key", "integration_key.delete " + id + " by account_key");
    }

    @Test
    void badBodiesUnknownKeysAndUnknownIntegrationsAreRefused() {
        for (String body : List.of("{}", "{\"displayName\":\"\"}", "{\"displayName\":\"" + "k".repeat(101) + "\"}",
                "{\"displayName\":\"k\",\"secret\":\"mine\"}", "{\"name\":\"k\"}")) {
            assertError(integrations.post(keys(), body), 400, "bad_request", body);
        }
        KeyFixture appKey = createAppKey(account.basic(), appId, "app");
        String other = integrations.create("Other");
        KeyFixture othersKey = integrations.createKey(other, "theirs");
        for (String keyId : List.of(appKey.id(), othersKey.id(), "int_5e4b0f225aca01092928f917", "nope")) {
            assertError(integrations.get(keys() + "/" + keyId), 404, "not_found", keyId);
            assertError(integrations.delete(keys() + "/" + keyId), 404, "not_found", keyId);
        }
        for (String missing : List.of("5e4af71a81966cfff3ef6550", "nope")) {
            assertError(integrations.post("/" + missing + "/keys", "{\"displayName\":\"k\"}"), 404,
                    "integration_not_found", missing);
            assertError(integrations.get("/" + missing + "/keys"), 404, "integration_not_found", missing);
            assertError(integrations.get("/" + missing + "/keys/" + othersKey.id()), 404, "integration_not_found",
                    missing);
        }
        assertThat(integrations.get(keys()).json().path("keys")).isEmpty();
        assertThat(integrations.get("/" + other + "/keys").json().path("keys")).hasSize(1);
    }

    @Test
    void anIntegrationHasAtMostTenKeysEvenWhenCreatedAtOnce() throws Exception {
        List<Response> answers = Race.of(12, i -> integrations.post(keys(), "{\"displayName\":\"k" + i + "\"}"));
        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(10);
        assertThat(answers).filteredOn(answer -> answer.status() == 400).hasSize(2)
                .allSatisfy(answer -> assertThat(answer.errorCode()).isEqualTo("bad_request"));
        assertThat(integrations.get(keys()).json().path("keys")).hasSize(10);
        String oldest = integrations.get(keys()).json().path("keys").get(0).path("id").asText();
        assertEmptyOk(integrations.delete(keys() + "/" + oldest));
        integrations.createKey(integrationId, "again");
        integrations.createKey(integrations.create("Another"), "another integration's own ten");
    }

    @Test
    void anIntegrationKeyReachesItsAppsDataOverBasicAndJwt() {
        KeyFixture key = integrations.createKey(integrationId, "bot");
        for (Auth auth : List.of(key.basic(), key.jwt("integration"))) {
            DataPlane app = new DataPlane(api, appId, auth);
            String user = app.createUser(null);
            assertThat(app.get("/users/" + user).status()).isEqualTo(200);
            String conversation = app.createConversation("personal", user);
            assertThat(app.get("/conversations/" + conversation).status()).isEqualTo(200);
            assertThat(app.get("/conversations?filter[userId]=" + user).status()).isEqualTo(200);
            app.created("/conversations/" + conversation + "/messages", "{" + BUSINESS
                    + ",\"content\":{\"type\":\"text\",\"text\":\"Hello\"}}");
            assertThat(app.get("/conversations/" + conversation + "/messages").status()).isEqualTo(200);
            assertThat(app.get("/conversations/" + conversation + "/participants").status()).isEqualTo(200);
            assertEmptyOk(app.post("/conversations/" + conversation + "/activity", "{" + BUSINESS
                    + ",\"type\":\"typing:start\"}"));
            assertThat(app.get("/users/" + user + "/clients").status()).isEqualTo(200);
            assertThat(app.get("/users/" + user + "/devices").status()).isEqualTo(200);
            assertThat(app.events("conversation:message")).isNotEmpty();
            assertThat(app.get("/integrations/" + integrationId + "/webhooks").status()).isEqualTo(200);
        }
        assertError(api.get("/v2/apps/" + appId + "/users/nobody", key.jwt("app")), 401, "unauthorized");
        assertError(api.get("/v2/apps/" + appId + "/users/nobody", key.jwt("account")), 401, "unauthorized");
    }

    @Test
    void aMessagePostedWithAnIntegrationKeyCarriesTheIntegrationInItsSourceAndItsAuthorAsPosted() {
        KeyFixture key = integrations.createKey(integrationId, "bot");
        DataPlane byAccount = new DataPlane(api, appId, account.basic());
        String user = byAccount.createUser(null);
        String conversation = byAccount.createConversation("personal", user);
        JsonNode fromIntegration = json("{\"type\":\"api:conversations\",\"integrationId\":\""
                + integrationId + "\"}");
        List<String> posted = new ArrayList<>();
        for (Auth auth : List.of(key.basic(), key.jwt("integration"))) {
            JsonNode message = new DataPlane(api, appId, auth).created("/conversations/" + conversation + "/messages",
                    "{" + BUSINESS + ",\"content\":{\"type\":\"text\",\"text\":\"Hello\"}}").json()
                    .at("/messages/0");
            assertThat(message.path("source")).isEqualTo(fromIntegration);
            assertThat(message.path("author")).as("as posted").isEqualTo(json("{\"type\":\"business\"}"));
            posted.add(message.path("id").asText());
        }
        JsonNode byUser = new DataPlane(api, appId, key.basic()).created("/conversations/" + conversation
                + "/messages", "{\"author\":{\"type\":\"user\",\"userId\":\"" + user + "\"},\"content\":"
                + "{\"type\":\"text\",\"text\":\"For the user\"}}").json().at("/messages/0");
        assertThat(byUser.path("source")).isEqualTo(fromIntegration);
        posted.add(byUser.path("id").asText());
        String byAccountKey = byAccount.created("/conversations/" + conversation + "/messages", "{" + BUSINESS
                + ",\"content\":{\"type\":\"text\",\"text\":\"From the app\"}}").at("/messages/0/id");

        Map<String, JsonNode> stored = new HashMap<>();
        byAccount.get("/conversations/" + conversation + "/messages").json().path("messages")
                .forEach(message -> stored.put(message.path("id").asText(), message.path("source")));
        Map<String, JsonNode> events = new HashMap<>();
        byAccount.events("conversation:message").forEach(event -> events.put(
                event.at("/payload/message/id").asText(), event.at("/payload/message/source")));
        for (String id : posted) {
            assertThat(stored.get(id)).as("stored " + id).isEqualTo(fromIntegration);
            assertThat(events.get(id)).as("event of " + id).isEqualTo(fromIntegration);
        }
        JsonNode fromTheApi = json("{\"type\":\"api:conversations\"}");
        assertThat(stored.get(byAccountKey)).isEqualTo(fromTheApi);
        assertThat(events.get(byAccountKey)).isEqualTo(fromTheApi);
    }

    @Test
    void anIntegrationKeyIsForbiddenItsAppsConfigurationAndFindsNoOtherApp() {
        KeyFixture key = integrations.createKey(integrationId, "bot");
        String otherApp = createApp(account.basic(), "Other app");
        String otherAppIntegration = new Integrations(api, otherApp, account.basic()).create("Elsewhere");
        String serviceAccount = createServiceAccount(account.basic(), "Ops");
        AccountFixture stranger = createAccount("Stranger", null);
        String strangersApp = createApp(stranger.basic(), "Theirs");

        for (Auth auth : List.of(key.basic(), key.jwt("integration"))) {
            String own = "/v2/apps/" + appId;
            for (Response forbidden : List.of(
                    api.get(own, auth), api.patch(own, auth, "{\"displayName\":\"Mine\"}"), api.delete(own, auth),
                    api.get(own + "/keys", auth), api.post(own + "/keys", auth, "{\"displayName\":\"k\"}"),
                    api.get(own + "/integrations", auth), api.get(own + "/integrations/" + integrationId, auth),
                    api.post(own + "/integrations", auth, "{\"type\":\"custom\",\"webhooks\":["
                            + Integrations.WEBHOOK + "]}"),
                    api.patch(own + "/integrations/" + integrationId, auth, "{\"displayName\":\"x\"}"),
                    api.delete(own + "/integrations/" + integrationId, auth),
                    api.get(own + "/integrations/" + integrationId + "/keys", auth),
                    api.post(own + "/integrations/" + integrationId + "/keys", auth, "{\"displayName\":\"k\"}"),
                    api.delete(own + "/integrations/" + integrationId + "/keys/" + key.id(), auth),
                    api.get("/v2/apps", auth), api.post("/v2/apps", auth, "{\"displayName\":\"New\"}"),
                    api.get("/v2/serviceaccounts", auth),
                    api.get("/v2/serviceaccounts/" + serviceAccount, auth),
                    api.get("/v1.1/apps/" + appId, auth))) {
                assertError(forbidden, 403, "forbidden");
            }
            String other = "/v2/apps/" + otherApp;
            for (String app : List.of(other, "/v2/apps/" + strangersApp, "/v2/apps/5d8cff3cd55b040010928b5b")) {
                for (Response missing : List.of(api.get(app, auth), api.delete(app, auth),
                        api.get(app + "/keys", auth), api.get(app + "/users/nobody", auth),
                        api.post(app + "/users", auth, "{}"), api.get(app + "/conversations/x", auth),
                        api.get(app + "/events", auth), api.get(app + "/integrations", auth),
                        api.get(app + "/integrations/" + otherAppIntegration + "/webhooks", auth))) {
                    assertError(missing, 404, "app_not_found", app);
                }
            }
        }
        assertThat(integrations.get(keys()).json().path("keys")).hasSize(1);
        assertThat(api.get("/v2/apps/" + appId, account.basic()).status()).isEqualTo(200);
    }

    @Test
    void aKeyStopsWorkingAtOnceWithItselfItsIntegrationOrItsApp() {
        KeyFixture deletedKey = integrations.createKey(integrationId, "deleted");
        KeyFixture siblingKey = integrations.createKey(integrationId, "sibling");
        String other = integrations.create("Other");
        KeyFixture otherKey = integrations.createKey(other, "other");
        String users = "/v2/apps/" + appId + "/users/nobody";
        for (KeyFixture key : List.of(deletedKey, siblingKey, otherKey)) {
            assertError(api.get(users, key.basic()), 404, "user_not_found");
        }

        assertEmptyOk(integrations.delete(keys() + "/" + deletedKey.id()));
        assertError(api.get(users, deletedKey.basic()), 401, "unauthorized");
        assertError(api.get(users, deletedKey.jwt("integration")), 401, "unauthorized");
        assertError(api.get(users, siblingKey.basic()), 404, "user_not_found");

        assertEmptyOk(integrations.delete("/" + integrationId));
        assertError(api.get(users, siblingKey.basic()), 401, "unauthorized");
        assertError(api.get(users, otherKey.basic()), 404, "user_not_found");

        assertEmptyOk(api.delete("/v2/apps/" + appId, account.basic()));
        assertError(api.get(users, otherKey.basic()), 401, "unauthorized");
    }
}
