package dev.parley.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /v2/apps/{appId}/keys: create, list, read, delete, validation, the ten-key limit, and cascade on app delete. */
class AppKeysApiTest extends ApiTest {

    @Test
    void createsListsReadsAndDeletesAppKeys() {
        AccountFixture account = createAccount("Keys CRUD", null);
        String appId = createApp(account.basic(), "Keyed");
        String keys = "/v2/apps/" + appId + "/keys";

        Response created = api.post(keys, account.basic(), "{\"displayName\":\"Web widget\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode key = created.json().path("key");
        assertThat(fieldNames(key)).containsExactlyInAnyOrder("id", "displayName", "secret");
        assertThat(key.path("id").asText()).matches(APP_KEY_ID);
        assertThat(key.path("displayName").asText()).isEqualTo("Web widget");
        assertThat(key.path("secret").asText()).matches(SECRET);

        Response second = api.post(keys, account.jwt(), "{\"displayName\":\"Mobile SDK\"}");
        assertThat(second.status()).isEqualTo(201);
        JsonNode secondKey = second.json().path("key");
        assertThat(secondKey.path("id").asText()).matches(APP_KEY_ID).isNotEqualTo(key.path("id").asText());
        assertThat(secondKey.path("secret").asText()).matches(SECRET).isNotEqualTo(key.path("secret").asText());

        Response list = api.get(keys, account.basic());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("keys")).as("oldest first, secrets included")
                .containsExactly(key, secondKey);

        Response one = api.get(keys + "/" + key.path("id").asText(), account.jwt());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("key")).isEqualTo(key);

        KeyFixture doomed = key(key);
        Auth doomedJwt = doomed.jwt("app");
        assertThat(api.get("/v2/apps/" + appId, doomed.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + appId, doomedJwt).status()).isEqualTo(200);

        Response deleted = api.delete(keys + "/" + doomed.id(), account.basic());
        assertEmptyOk(deleted);

        Response basicAfter = api.get("/v2/apps/" + appId, doomed.basic());
        assertThat(basicAfter.status()).as("a deleted key is refused at once").isEqualTo(401);
        assertThat(basicAfter.errorCode()).isEqualTo("unauthorized");
        Response jwtAfter = api.get("/v2/apps/" + appId, doomedJwt);
        assertThat(jwtAfter.status()).as("a deleted key's tokens are refused at once").isEqualTo(401);
        assertThat(jwtAfter.errorCode()).isEqualTo("unauthorized");

        assertThat(api.get(keys + "/" + doomed.id(), account.basic()).status()).isEqualTo(404);
        assertThat(api.delete(keys + "/" + doomed.id(), account.basic()).status()).isEqualTo(404);
        assertThat(api.get(keys, account.basic()).json().path("keys")).containsExactly(secondKey);
        assertThat(api.get("/v2/apps/" + appId, key(secondKey).basic()).status())
                .as("the other key still works").isEqualTo(200);
    }

    @Test
    void validatesKeyBodies() {
        AccountFixture account = createAccount("Keys validation", null);
        String appId = createApp(account.basic(), "Strict");
        String keys = "/v2/apps/" + appId + "/keys";

        List<String> invalid = List.of(
                "{}",
                "{\"displayName\":null}",
                "{\"displayName\":\"\"}",
                "{\"displayName\":\"   \"}",
                "{\"displayName\":\"" + "x".repeat(101) + "\"}",
                "{\"displayName\":42}",
                "{\"displayName\":true}",
                "{\"displayName\":[\"a\"]}",
                "{\"displayName\":{\"a\":1}}",
                "{\"displayName\":\"ok\",\"secret\":\"chosen\"}",
                "{\"displayName\":\"ok\",\"id\":\"app_000000000000000000000000\"}",
                "{\"displayName\":\"ok\",\"unknown\":1}",
                "{\"displayName\":\"a\",\"displayName\":\"b\"}",
                "[]",
                "{\"displayName\":");
        for (String body : invalid) {
            Response response = api.post(keys, account.basic(), body);
            assertError(response, 400, "bad_request", body);
        }

        Response textPlain = api.send("POST", keys, account.basic(), "text/plain", "{\"displayName\":\"ok\"}",
                Map.of());
        assertThat(textPlain.status()).as(textPlain.toString()).isEqualTo(415);
        assertThat(textPlain.errorCode()).isEqualTo("unsupported_media_type");

        assertThat(api.get(keys, account.basic()).json().path("keys")).as("nothing was created").isEmpty();

        Response exactly100 = api.post(keys, account.basic(), "{\"displayName\":\"" + "y".repeat(100) + "\"}");
        assertThat(exactly100.status()).as(exactly100.toString()).isEqualTo(201);
        assertThat(exactly100.at("/key/displayName")).hasSize(100);
        Response oneChar = api.post(keys, account.basic(), "{\"displayName\":\"z\"}");
        assertThat(oneChar.status()).isEqualTo(201);
        assertThat(api.get(keys, account.basic()).json().path("keys")).hasSize(2);
    }

    @Test
    void findsAKeyOnlyUnderItsOwnApp() {
        AccountFixture account = createAccount("Keys per app", null);
        String appA = createApp(account.basic(), "A");
        String appB = createApp(account.basic(), "B");
        KeyFixture keyOfB = createAppKey(account.basic(), appB, "of B");

        Response wrongApp = api.get("/v2/apps/" + appA + "/keys/" + keyOfB.id(), account.basic());
        assertThat(wrongApp.status()).as(wrongApp.toString()).isEqualTo(404);
        Response deleteWrongApp = api.delete("/v2/apps/" + appA + "/keys/" + keyOfB.id(), account.basic());
        assertThat(deleteWrongApp.status()).isEqualTo(404);
        assertThat(api.get("/v2/apps/" + appA + "/keys/" + account.keyId(), account.basic()).status())
                .as("an account key is not an app key").isEqualTo(404);
        assertThat(api.get("/v2/apps/" + appA + "/keys/app_" + "0".repeat(24), account.basic()).status())
                .isEqualTo(404);
        assertThat(api.get("/v2/apps/" + appA + "/keys/nonsense", account.basic()).status()).isEqualTo(404);

        assertThat(api.get("/v2/apps/" + appB + "/keys/" + keyOfB.id(), account.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + appB, keyOfB.basic()).status()).as("the key survived").isEqualTo(200);
        assertThat(api.get("/v2/apps/" + appA + "/keys", account.basic()).json().path("keys")).isEmpty();

        String missingApp = "0".repeat(24);
        Response noApp = api.get("/v2/apps/" + missingApp + "/keys", account.basic());
        assertThat(noApp.status()).isEqualTo(404);
        assertThat(noApp.errorCode()).isEqualTo("app_not_found");
        assertThat(api.post("/v2/apps/" + missingApp + "/keys", account.basic(), "{\"displayName\":\"x\"}").status())
                .isEqualTo(404);
    }

    @Test
    void allowsAtMostTenKeysPerApp() {
        AccountFixture account = createAccount("Keys limit", null);
        String appId = createApp(account.basic(), "Ten keys");
        String keys = "/v2/apps/" + appId + "/keys";
        List<KeyFixture> made = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            made.add(createAppKey(account.basic(), appId, "Key " + i));
        }

        Response eleventh = api.post(keys, account.basic(), "{\"displayName\":\"Key 10\"}");
        assertThat(eleventh.status()).as(eleventh.toString()).isEqualTo(400);
        assertThat(eleventh.errorCode()).isEqualTo("bad_request");
        assertThat(api.get(keys, account.basic()).json().path("keys")).hasSize(10);

        String otherApp = createApp(account.basic(), "Other");
        assertThat(api.post("/v2/apps/" + otherApp + "/keys", account.basic(), "{\"displayName\":\"free\"}").status())
                .as("the limit is per app").isEqualTo(201);

        assertThat(api.delete(keys + "/" + made.get(3).id(), account.basic()).status()).isEqualTo(200);
        Response replacement = api.post(keys, account.basic(), "{\"displayName\":\"Replacement\"}");
        assertThat(replacement.status()).as("deleting a key frees its slot").isEqualTo(201);
        assertThat(api.post(keys, account.basic(), "{\"displayName\":\"One too many\"}").status()).isEqualTo(400);
        assertThat(api.get(keys, account.basic()).json().path("keys")).hasSize(10);
    }

    @Test
    void deletingAnAppDeletesItsKeys() {
        AccountFixture account = createAccount("Keys cascade", null);
        String appId = createApp(account.basic(), "Doomed");
        String survivor = createApp(account.basic(), "Survivor");
        KeyFixture first = createAppKey(account.basic(), appId, "first");
        KeyFixture second = createAppKey(account.basic(), appId, "second");
        KeyFixture survivorKey = createAppKey(account.basic(), survivor, "kept");
        Auth firstJwt = first.jwt("app");
        assertThat(api.get("/v2/apps/" + appId, firstJwt).status()).isEqualTo(200);

        assertThat(api.delete("/v2/apps/" + appId, account.basic()).status()).isEqualTo(200);

        for (Auth auth : List.of(first.basic(), firstJwt, second.basic(), second.jwt("app"))) {
            Response response = api.get("/v2/apps/" + appId, auth);
            assertThat(response.status()).as(auth.header() + ": " + response).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("unauthorized");
        }
        Response gone = api.get("/v2/apps/" + appId, account.basic());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("app_not_found");
        assertThat(api.get("/v2/apps/" + appId + "/keys", account.basic()).status()).isEqualTo(404);
        assertThat(api.get("/v2/apps/" + appId + "/keys/" + first.id(), account.basic()).status()).isEqualTo(404);

        assertThat(api.get("/v2/apps/" + survivor, survivorKey.basic()).status())
                .as("keys of other apps are untouched").isEqualTo(200);
    }

}
