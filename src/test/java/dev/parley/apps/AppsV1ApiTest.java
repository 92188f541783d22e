package dev.parley.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The v1.1 apps routes ({@code /v1.1/apps…}) for older clients: CRUD, limit/offset lists, the appToken, validation,
 * app keys and their {@code /jwt}, access rules, and that they show the very same data as {@code /v2}.
 */
class AppsV1ApiTest extends ApiTest {
    private static final String APP_TOKEN = "^[0-9a-z]{25}$";

    // ---------------------------------------------------------------- CRUD

    @Test
    void createsReadsUpdatesAndDeletesAnAppThroughV1() {
        AccountFixture account = createAccount("V1 apps CRUD", null);
        Response created = created("/v1.1/apps", account.basic(),
                "{\"name\":\"Help desk\",\"settings\":{\"conversationRetentionSeconds\":3600,"
                        + "\"useAnimalNames\":true},\"metadata\":{\"tier\":\"gold\",\"seats\":5,\"trial\":false}}");
        JsonNode app = created.json().path("app");
        assertThat(fieldNames(created.json())).containsExactly("app");
        assertThat(fieldNames(app)).containsExactlyInAnyOrder("_id", "appToken", "name", "settings", "metadata");
        String id = app.path("_id").asText();
        assertThat(id).matches(HEX_ID);
        assertThat(app.path("appToken").asText()).matches(APP_TOKEN);
        assertThat(app.path("name").asText()).isEqualTo("Help desk");
        assertThat(app.at("/settings/conversationRetentionSeconds").asInt()).isEqualTo(3600);
        assertThat(app.at("/settings/useAnimalNames").asBoolean()).isTrue();
        assertThat(app.at("/settings/maskCreditCardNumbers").asBoolean()).as("default").isTrue();
        assertThat(app.at("/settings/echoPostback").asBoolean()).as("default").isFalse();
        assertThat(app.path("metadata")).isEqualTo(json("{\"tier\":\"gold\",\"seats\":5,\"trial\":false}"));

        Response read = api.get("/v1.1/apps/" + id, account.basic());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("app")).isEqualTo(app);
        assertThat(api.get("/v1.1/apps/" + id, account.jwt()).json().path("app")).isEqualTo(app);

        Response renamed = api.put("/v1.1/apps/" + id, account.basic(), "{\"name\":\"Help desk EU\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.at("/app/name")).isEqualTo("Help desk EU");
        assertThat(renamed.json().at("/app/settings")).as("settings not named are kept").isEqualTo(app.path("settings"));
        assertThat(renamed.json().at("/app/metadata")).as("metadata not named is kept").isEqualTo(app.path("metadata"));

        Response resettled = api.put("/v1.1/apps/" + id, account.jwt(), "{\"settings\":{\"echoPostback\":true}}");
        assertThat(resettled.status()).as(resettled.toString()).isEqualTo(200);
        assertThat(resettled.json().at("/app/settings/echoPostback").asBoolean()).isTrue();
        assertThat(resettled.json().at("/app/settings/useAnimalNames").asBoolean())
                .as("settings are merged, not replaced").isTrue();
        assertThat(resettled.json().at("/app/settings/conversationRetentionSeconds").asInt()).isEqualTo(3600);
        assertThat(resettled.at("/app/name")).as("the name not named is kept").isEqualTo("Help desk EU");

        Response remetadata = api.put("/v1.1/apps/" + id, account.basic(), "{\"metadata\":{\"tier\":\"silver\"}}");
        assertThat(remetadata.status()).as(remetadata.toString()).isEqualTo(200);
        assertThat(remetadata.json().at("/app/metadata")).as("metadata is replaced as a whole")
                .isEqualTo(json("{\"tier\":\"silver\"}"));

        Response untouched = api.put("/v1.1/apps/" + id, account.basic(), "{}");
        assertThat(untouched.status()).as(untouched.toString()).isEqualTo(200);
        assertThat(untouched.json().path("app")).as("an empty PUT changes nothing")
                .isEqualTo(remetadata.json().path("app"));

        Response cleared = api.put("/v1.1/apps/" + id, account.basic(), "{\"metadata\":null}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().at("/app/metadata").isNull()).as(cleared.toString()).isTrue();
        assertThat(api.get("/v1.1/apps/" + id, account.basic()).json().at("/app/metadata").isNull()).isTrue();

        Response all = api.put("/v1.1/apps/" + id, account.basic(),
                "{\"name\":\"All at once\",\"settings\":{\"multiConvoEnabled\":true,\"endSessionEnabled\":true},"
                        + "\"metadata\":{\"k\":1}}");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.at("/app/name")).isEqualTo("All at once");
        assertThat(all.json().at("/app/settings/multiConvoEnabled").asBoolean()).isTrue();
        assertThat(all.json().at("/app/settings/endSessionEnabled").asBoolean()).isTrue();
        assertThat(all.json().at("/app/metadata")).isEqualTo(json("{\"k\":1}"));

        assertEmptyOk(api.delete("/v1.1/apps/" + id, account.basic()));

        for (Response gone : List.of(
                api.get("/v1.1/apps/" + id, account.basic()),
                api.put("/v1.1/apps/" + id, account.basic(), "{\"name\":\"Back\"}"),
                api.delete("/v1.1/apps/" + id, account.basic()),
                api.get("/v1.1/apps/" + id + "/keys", account.basic()),
                api.get("/v2/apps/" + id, account.basic()))) {
            assertError(gone, 404, "app_not_found");
        }
        assertThat(api.get("/v1.1/apps", account.basic()).json().path("apps")).isEmpty();
        for (String notAnId : List.of("nothex", "ABCDEFABCDEFABCDEFABCDEF", "0".repeat(24))) {
            assertThat(api.get("/v1.1/apps/" + notAnId, account.basic()).status()).as(notAnId).isEqualTo(404);
        }
    }

    @Test
    void anAppIsTheSameRecordOnV1AndV2() {
        AccountFixture account = createAccount("V1 apps shared", null);

        Response madeOnV1 = created("/v1.1/apps", account.basic(),
                "{\"name\":\"From v1\",\"settings\":{\"useAnimalNames\":true},\"metadata\":{\"lang\":\"en-ca\"}}");
        JsonNode v1 = madeOnV1.json().path("app");
        String fromV1 = v1.path("_id").asText();
        Response seenOnV2 = api.get("/v2/apps/" + fromV1, account.basic());
        assertThat(seenOnV2.status()).as(seenOnV2.toString()).isEqualTo(200);
        assertThat(seenOnV2.at("/app/id")).isEqualTo(fromV1);
        assertThat(seenOnV2.at("/app/displayName")).isEqualTo("From v1");
        assertThat(seenOnV2.json().at("/app/settings")).isEqualTo(v1.path("settings"));
        assertThat(seenOnV2.json().at("/app/metadata")).isEqualTo(v1.path("metadata"));
        assertThat(seenOnV2.json().at("/app/appToken").isMissingNode()).as("v2 shows no appToken").isTrue();

        Response madeOnV2 = created("/v2/apps", account.basic(),
                "{\"displayName\":\"From v2\",\"settings\":{\"conversationRetentionSeconds\":60},"
                        + "\"metadata\":{\"seats\":3,\"trial\":true}}");
        JsonNode v2 = madeOnV2.json().path("app");
        String fromV2 = v2.path("id").asText();
        Response seenOnV1 = api.get("/v1.1/apps/" + fromV2, account.basic());
        assertThat(seenOnV1.status()).as(seenOnV1.toString()).isEqualTo(200);
        assertThat(seenOnV1.at("/app/_id")).isEqualTo(fromV2);
        assertThat(seenOnV1.at("/app/name")).isEqualTo("From v2");
        assertThat(seenOnV1.at("/app/appToken")).matches(APP_TOKEN);
        assertThat(seenOnV1.json().at("/app/settings")).isEqualTo(v2.path("settings"));
        assertThat(seenOnV1.json().at("/app/metadata")).isEqualTo(v2.path("metadata"));

        assertThat(idsOf(api.get("/v1.1/apps", account.basic()).json().path("apps"), "_id"))
                .containsExactly(fromV1, fromV2);
        assertThat(idsOf(api.get("/v2/apps", account.basic()).json().path("apps"), "id"))
                .containsExactly(fromV1, fromV2);

        assertThat(api.put("/v1.1/apps/" + fromV2, account.basic(), "{\"name\":\"Renamed on v1\"}").status())
                .isEqualTo(200);
        assertThat(api.get("/v2/apps/" + fromV2, account.basic()).at("/app/displayName")).isEqualTo("Renamed on v1");
        assertThat(api.patch("/v2/apps/" + fromV1, account.basic(),
                "{\"displayName\":\"Renamed on v2\",\"metadata\":{\"x\":\"y\"}}").status()).isEqualTo(200);
        Response afterPatch = api.get("/v1.1/apps/" + fromV1, account.basic());
        assertThat(afterPatch.at("/app/name")).isEqualTo("Renamed on v2");
        assertThat(afterPatch.json().at("/app/metadata")).isEqualTo(json("{\"x\":\"y\"}"));
        assertThat(afterPatch.at("/app/appToken")).as("a v2 update keeps the token")
                .isEqualTo(v1.path("appToken").asText());

        assertThat(api.delete("/v2/apps/" + fromV1, account.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v1.1/apps/" + fromV1, account.basic()).status()).isEqualTo(404);
        assertThat(api.delete("/v1.1/apps/" + fromV2, account.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + fromV2, account.basic()).status()).isEqualTo(404);
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).isEmpty();
    }

    @Test
    void holdsV1CreationsToThePlanLimitSharedWithV2() {
        AccountFixture account = createAccount("V1 apps plan", 2);
        createApp(account.basic(), "On v2");
        Response second = created("/v1.1/apps", account.basic(), "{\"name\":\"On v1\"}");
        assertError(api.post("/v1.1/apps", account.basic(), "{\"name\":\"Too many\"}"), 402, "payment_required");
        assertThat(api.post("/v2/apps", account.basic(), "{\"displayName\":\"Too many\"}").status()).isEqualTo(402);
        assertThat(api.delete("/v1.1/apps/" + second.at("/app/_id"), account.basic()).status()).isEqualTo(200);
        assertThat(api.post("/v1.1/apps", account.basic(), "{\"name\":\"Fits again\"}").status())
                .as("deleting through v1.1 frees the slot").isEqualTo(201);
    }

    // ---------------------------------------------------------------- appToken

    @Test
    void givesEveryAppItsOwnStableAppToken() {
        AccountFixture account = createAccount("V1 app tokens", null);
        List<String> ids = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Response created = i % 2 == 0
                    ? created("/v1.1/apps", account.basic(), "{\"name\":\"App " + i + "\"}")
                    : created("/v2/apps", account.basic(), "{\"displayName\":\"App " + i + "\"}");
            String id = i % 2 == 0 ? created.at("/app/_id") : created.at("/app/id");
            ids.add(id);
            String token = api.get("/v1.1/apps/" + id, account.basic()).at("/app/appToken");
            assertThat(token).matches(APP_TOKEN);
            if (i % 2 == 0) {
                assertThat(created.at("/app/appToken")).as("the creation shows the same token").isEqualTo(token);
            }
            tokens.add(token);
        }
        assertThat(tokens).as("distinct per app").hasSize(6);

        String first = ids.get(0);
        String token = api.get("/v1.1/apps/" + first, account.basic()).at("/app/appToken");
        assertThat(api.get("/v1.1/apps/" + first, account.jwt()).at("/app/appToken")).isEqualTo(token);
        assertThat(api.put("/v1.1/apps/" + first, account.basic(),
                "{\"name\":\"Renamed\",\"settings\":{\"useAnimalNames\":true},\"metadata\":{\"a\":1}}")
                .at("/app/appToken")).as("an update keeps the token").isEqualTo(token);
        JsonNode listed = api.get("/v1.1/apps", account.basic()).json().path("apps");
        assertThat(listed.get(0).path("_id").asText()).isEqualTo(first);
        assertThat(listed.get(0).path("appToken").asText()).as("the list shows the same token").isEqualTo(token);
        Set<String> listedTokens = new HashSet<>();
        listed.forEach(app -> listedTokens.add(app.path("appToken").asText()));
        assertThat(listedTokens).isEqualTo(tokens);
    }

    // ---------------------------------------------------------------- lists

    @Test
    void listsAppsOldestFirstByLimitAndOffset() {
        AccountFixture account = createAccount("V1 apps paging", null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(i == 3 ? createApp(account.basic(), "App " + i) : createV1App(account.basic(), "App " + i));
        }
        assertThat(ids).isSorted();

        Response all = api.get("/v1.1/apps", account.basic());
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(fieldNames(all.json())).containsExactlyInAnyOrder("apps", "hasMore", "offset");
        assertThat(idsOf(all.json().path("apps"), "_id")).containsExactlyElementsOf(ids);
        assertThat(all.json().path("hasMore").asBoolean()).isFalse();
        assertThat(all.json().path("offset").isInt()).isTrue();
        assertThat(all.json().path("offset").asInt()).isZero();
        assertThat(all.json().at("/apps/0/name").asText()).isEqualTo("App 0");

        assertV1AppsPage(api.get("/v1.1/apps?limit=3", account.basic()), ids.subList(0, 3), true, 0);
        assertV1AppsPage(api.get("/v1.1/apps?limit=3&offset=0", account.jwt()), ids.subList(0, 3), true, 0);
        assertV1AppsPage(api.get("/v1.1/apps?limit=3&offset=3", account.basic()), ids.subList(3, 6), true, 3);
        assertV1AppsPage(api.get("/v1.1/apps?offset=3&limit=3", account.basic()), ids.subList(3, 6), true, 3);
        assertV1AppsPage(api.get("/v1.1/apps?limit=3&offset=6", account.basic()), ids.subList(6, 7), false, 6);
        assertV1AppsPage(api.get("/v1.1/apps?limit=3&offset=4", account.basic()), ids.subList(4, 7), false, 4);
        assertV1AppsPage(api.get("/v1.1/apps?limit=7", account.basic()), ids, false, 0);
        assertV1AppsPage(api.get("/v1.1/apps?limit=6", account.basic()), ids.subList(0, 6), true, 0);
        assertV1AppsPage(api.get("/v1.1/apps?limit=1", account.basic()), ids.subList(0, 1), true, 0);
        assertV1AppsPage(api.get("/v1.1/apps?limit=100", account.basic()), ids, false, 0);
        assertV1AppsPage(api.get("/v1.1/apps?offset=2", account.basic()), ids.subList(2, 7), false, 2);
        assertV1AppsPage(api.get("/v1.1/apps?offset=7", account.basic()), List.of(), false, 7);
        assertV1AppsPage(api.get("/v1.1/apps?limit=5&offset=50", account.basic()), List.of(), false, 50);
        assertV1AppsPage(api.get("/v1.1/apps?offset=2147483647", account.basic()), List.of(), false, 2147483647);

        AccountFixture other = createAccount("V1 apps paging other", null);
        assertV1AppsPage(api.get("/v1.1/apps", other.basic()), List.of(), false, 0);
    }

    @Test
    void defaultsToTwentyFiveAppsAPage() {
        AccountFixture account = createAccount("V1 apps default limit", null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            ids.add(createApp(account.basic(), "App " + i));
        }
        assertV1AppsPage(api.get("/v1.1/apps", account.basic()), ids.subList(0, 25), true, 0);
        assertV1AppsPage(api.get("/v1.1/apps?offset=25", account.basic()), ids.subList(25, 26), false, 25);
        assertV1AppsPage(api.get("/v1.1/apps?limit=26", account.basic()), ids, false, 0);
    }

    @Test
    void refusesBadLimitAndOffset() {
        AccountFixture account = createAccount("V1 apps bad paging", null);
        createV1App(account.basic(), "Only");
        for (String query : List.of("limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "limit=",
                "limit=99999999999", "offset=-1", "offset=abc", "offset=1.5", "offset=", "offset=99999999999",
                "limit=1&limit=2", "offset=0&offset=1")) {
            Response response = api.get("/v1.1/apps?" + query, account.basic());
            assertError(response, 400, "bad_request", query);
        }
        assertThat(api.get("/v1.1/apps?limit=100&offset=0", account.basic()).status()).isEqualTo(200);
    }

    @Test
    void filtersAppsByServiceAccount() {
        AccountFixture account = createAccount("V1 apps filter", null);
        String plain = createV1App(account.basic(), "Plain");
        String serviceAccount = createV1ServiceAccount(account.basic(), "Deployer");
        KeyFixture svc = createV1ServiceAccountKey(account.basic(), serviceAccount, "k");

        String made = created("/v1.1/apps", svc.basic(), "{\"name\":\"Made by svc\"}").at("/app/_id");
        String granted = createV1App(account.basic(), "Granted");
        assertThat(api.put("/v2/serviceaccounts/" + serviceAccount + "/apps/" + granted, account.basic()).status())
                .isEqualTo(200);

        assertV1AppsPage(api.get("/v1.1/apps", account.basic()), List.of(plain, made, granted), false, 0);
        assertV1AppsPage(api.get("/v1.1/apps?serviceAccountId=" + serviceAccount, account.basic()),
                List.of(made, granted), false, 0);
        assertV1AppsPage(api.get("/v1.1/apps?serviceAccountId=" + serviceAccount + "&limit=1", account.basic()),
                List.of(made), true, 0);
        assertV1AppsPage(api.get("/v1.1/apps?serviceAccountId=" + serviceAccount + "&limit=1&offset=1", account.jwt()),
                List.of(granted), false, 1);

        assertV1AppsPage(api.get("/v1.1/apps", svc.basic()), List.of(made, granted), false, 0);
        assertV1AppsPage(api.get("/v1.1/apps?serviceAccountId=" + serviceAccount, svc.jwt("account")),
                List.of(made, granted), false, 0);

        String otherServiceAccount = createV1ServiceAccount(account.basic(), "Other deployer");
        assertV1AppsPage(api.get("/v1.1/apps?serviceAccountId=" + otherServiceAccount, account.basic()),
                List.of(), false, 0);
        Response notItself = api.get("/v1.1/apps?serviceAccountId=" + otherServiceAccount, svc.basic());
        assertError(notItself, 403, "forbidden");

        AccountFixture stranger = createAccount("V1 apps filter stranger", null);
        String strangersServiceAccount = createV1ServiceAccount(stranger.basic(), "Theirs");
        for (String unknown : List.of(strangersServiceAccount, "0".repeat(24), "nothex")) {
            Response response = api.get("/v1.1/apps?serviceAccountId=" + unknown, account.basic());
            assertThat(response.status()).as(unknown + ": " + response).isEqualTo(404);
        }
        assertThat(api.get("/v1.1/apps?serviceAccountId=" + serviceAccount, stranger.basic()).status())
                .as("another account's service account does not exist").isEqualTo(404);
        Response twice = api.get("/v1.1/apps?serviceAccountId=" + serviceAccount + "&serviceAccountId="
                + serviceAccount, account.basic());
        assertThat(twice.status()).as(twice.toString()).isEqualTo(400);

        // A service account key reaches only its apps, on every v1.1 app route.
        assertThat(api.get("/v1.1/apps/" + made, svc.basic()).status()).isEqualTo(200);
        assertThat(api.put("/v1.1/apps/" + granted, svc.basic(), "{\"name\":\"Renamed by svc\"}").status())
                .isEqualTo(200);
        Response svcMadeKey = created("/v1.1/apps/" + made + "/keys", svc.basic(), "{\"name\":\"svc made\"}");
        Response svcJwt = api.get("/v1.1/apps/" + made + "/keys/" + svcMadeKey.at("/key/_id") + "/jwt", svc.basic());
        assertThat(svcJwt.status()).as("a service account manages the keys of its apps: " + svcJwt).isEqualTo(200);
        assertThat(api.get("/v1.1/apps/" + made, Auth.bearer(svcJwt.at("/jwt"))).status()).isEqualTo(200);
        for (Response response : List.of(
                api.get("/v1.1/apps/" + plain, svc.basic()),
                api.put("/v1.1/apps/" + plain, svc.basic(), "{\"name\":\"Stolen\"}"),
                api.delete("/v1.1/apps/" + plain, svc.basic()),
                api.get("/v1.1/apps/" + plain + "/keys", svc.basic()),
                api.post("/v1.1/apps/" + plain + "/keys", svc.basic(), "{\"name\":\"x\"}"))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
        }
        assertThat(api.delete("/v1.1/apps/" + made, svc.basic()).status()).isEqualTo(200);
        assertV1AppsPage(api.get("/v1.1/apps", svc.basic()), List.of(granted), false, 0);
    }

    // ---------------------------------------------------------------- validation

    @Test
    void validatesV1AppBodiesAndChangesNothingOnA400() {
        AccountFixture account = createAccount("V1 apps validation", null);
        Auth auth = account.basic();
        List<String> invalidCreates = List.of(
                "{}",
                "{\"name\":\"\"}",
                "{\"name\":\"   \"}",
                "{\"name\":\"" + "x".repeat(101) + "\"}",
                "{\"name\":null}",
                "{\"name\":42}",
                "{\"displayName\":\"v2 field\"}",
                "{\"name\":\"ok\",\"displayName\":\"v2 field\"}",
                "{\"name\":\"ok\",\"unknown\":1}",
                "{\"name\":\"ok\",\"_id\":\"" + "0".repeat(24) + "\"}",
                "{\"name\":\"ok\",\"appToken\":\"" + "a".repeat(25) + "\"}",
                "{\"name\":\"ok\",\"settings\":{\"noSuchSetting\":true}}",
                "{\"name\":\"ok\",\"settings\":{\"useAnimalNames\":\"true\"}}",
                "{\"name\":\"ok\",\"settings\":{\"conversationRetentionSeconds\":-1}}",
                "{\"name\":\"ok\",\"settings\":{\"endSessionEnabled\":true}}",
                "{\"name\":\"ok\",\"metadata\":[1]}",
                "{\"name\":\"ok\",\"metadata\":{\"nested\":{\"a\":1}}}",
                "{\"name\":\"ok\",\"metadata\":{\"big\":\"" + "x".repeat(4100) + "\"}}",
                "{\"name\":\"ok\",\"name\":\"twice\"}",
                "[]",
                "{\"name\":");
        for (String body : invalidCreates) {
            Response response = api.post("/v1.1/apps", auth, body);
            assertError(response, 400, "bad_request", body);
        }
        Response textPlain = api.send("POST", "/v1.1/apps", auth, "text/plain", "{\"name\":\"ok\"}", Map.of());
        assertThat(textPlain.status()).as(textPlain.toString()).isEqualTo(415);
        assertThat(api.get("/v1.1/apps", auth).json().path("apps")).as("nothing was created").isEmpty();

        Response exactly100 = created("/v1.1/apps", auth, "{\"name\":\"" + "y".repeat(100) + "\"}");
        String id = exactly100.at("/app/_id");
        JsonNode before = exactly100.json().path("app");

        List<String> invalidUpdates = List.of(
                "{\"displayName\":\"v2 field\"}",
                "{\"name\":null}",
                "{\"name\":\"\"}",
                "{\"name\":\"" + "x".repeat(101) + "\"}",
                "{\"name\":\"ok\",\"unknown\":1}",
                "{\"name\":\"ok\",\"settings\":{\"noSuchSetting\":true}}",
                "{\"name\":\"ok\",\"settings\":{\"disableConversationReopen\":true}}",
                "{\"name\":\"ok\",\"metadata\":{\"list\":[1]}}",
                "[]");
        for (String body : invalidUpdates) {
            Response response = api.put("/v1.1/apps/" + id, auth, body);
            assertError(response, 400, "bad_request", body);
        }
        assertThat(api.get("/v1.1/apps/" + id, auth).json().path("app")).as("the rejected updates changed nothing")
                .isEqualTo(before);

        Response v2BodyOnV2 = api.patch("/v2/apps/" + id, auth, "{\"name\":\"v1 field\"}");
        assertThat(v2BodyOnV2.status()).as("and v2 does not take the v1.1 name").isEqualTo(400);
    }

    // ---------------------------------------------------------------- app keys and their JWT

    @Test
    void managesAppKeysThroughV1() {
        AccountFixture account = createAccount("V1 app keys", null);
        String appId = createV1App(account.basic(), "Keyed");
        String keys = "/v1.1/apps/" + appId + "/keys";

        JsonNode key = assertV1Key(created(keys, account.basic(), "{\"name\":\"Web widget\"}"), APP_KEY_ID,
                "Web widget");

        JsonNode v2Key = created("/v2/apps/" + appId + "/keys", account.basic(), "{\"displayName\":\"From v2\"}")
                .json().path("key");

        Response list = api.get(keys, account.jwt());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(fieldNames(list.json())).containsExactly("keys");
        assertThat(list.json().path("keys")).as("oldest first, both versions' keys, secrets included").containsExactly(
                key, json("{\"_id\":\"" + v2Key.path("id").asText() + "\",\"secret\":\""
                        + v2Key.path("secret").asText() + "\",\"name\":\"From v2\"}"));

        Response one = api.get(keys + "/" + key.path("_id").asText(), account.basic());
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.json().path("key")).isEqualTo(key);
        Response sameOnV2 = api.get("/v2/apps/" + appId + "/keys/" + key.path("_id").asText(), account.basic());
        assertThat(sameOnV2.at("/key/id")).isEqualTo(key.path("_id").asText());
        assertThat(sameOnV2.at("/key/displayName")).isEqualTo("Web widget");
        assertThat(sameOnV2.at("/key/secret")).isEqualTo(key.path("secret").asText());

        KeyFixture doomed = new KeyFixture(key.path("_id").asText(), key.path("secret").asText());
        assertThat(api.get("/v1.1/apps/" + appId, doomed.basic()).status()).as("the key works").isEqualTo(200);
        assertEmptyOk(api.delete(keys + "/" + doomed.id(), account.basic()));
        assertThat(api.get("/v1.1/apps/" + appId, doomed.basic()).status()).as("deleted keys stop at once")
                .isEqualTo(401);
        assertThat(api.get(keys + "/" + doomed.id(), account.basic()).status()).isEqualTo(404);
        assertThat(api.delete(keys + "/" + doomed.id(), account.basic()).status()).isEqualTo(404);
        assertThat(api.get(keys + "/" + doomed.id() + "/jwt", account.basic()).status()).isEqualTo(404);
        assertThat(idsOf(api.get(keys, account.basic()).json().path("keys"), "_id"))
                .containsExactly(v2Key.path("id").asText());
        assertThat(api.delete(keys + "/" + v2Key.path("id").asText(), account.basic()).status())
                .as("a v2 key deleted through v1.1").isEqualTo(200);
        assertThat(api.get("/v2/apps/" + appId + "/keys", account.basic()).json().path("keys")).isEmpty();

        for (String body : List.of("{}", "{\"displayName\":\"v2 field\"}", "{\"name\":\"\"}", "{\"name\":null}",
                "{\"name\":\"" + "x".repeat(101) + "\"}", "{\"name\":\"ok\",\"secret\":\"chosen\"}", "[]")) {
            Response response = api.post(keys, account.basic(), body);
            assertError(response, 400, "bad_request", body);
        }
        assertThat(api.get(keys, account.basic()).json().path("keys")).as("nothing was created").isEmpty();

        String otherApp = createV1App(account.basic(), "Other");
        KeyFixture ofOther = createV1AppKey(account.basic(), otherApp, "of other");
        for (String path : List.of(keys + "/" + ofOther.id(), keys + "/" + ofOther.id() + "/jwt",
                keys + "/" + account.keyId(), keys + "/app_" + "0".repeat(24), keys + "/nonsense")) {
            assertThat(api.get(path, account.basic()).status()).as(path).isEqualTo(404);
        }
        assertThat(api.delete(keys + "/" + ofOther.id(), account.basic()).status()).isEqualTo(404);
        assertThat(api.get("/v1.1/apps/" + otherApp, ofOther.basic()).status()).as("untouched").isEqualTo(200);
        assertError(api.get("/v1.1/apps/" + "0".repeat(24) + "/keys", account.basic()), 404, "app_not_found");

        assertThat(api.delete("/v1.1/apps/" + otherApp, account.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v1.1/apps/" + otherApp, ofOther.basic()).status())
                .as("deleting the app deletes its keys").isEqualTo(401);
    }

    @Test
    void sharesTheTenKeyLimitWithV2() {
        AccountFixture account = createAccount("V1 app keys limit", null);
        String appId = createV1App(account.basic(), "Ten keys");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            made.add(i % 2 == 0 ? createV1AppKey(account.basic(), appId, "Key " + i).id()
                    : createAppKey(account.basic(), appId, "Key " + i).id());
        }
        assertError(api.post("/v1.1/apps/" + appId + "/keys", account.basic(), "{\"name\":\"Key 10\"}"), 400,
                "bad_request");
        Response eleventhV2 = api.post("/v2/apps/" + appId + "/keys", account.basic(), "{\"displayName\":\"Key 10\"}");
        assertThat(eleventhV2.status()).as(eleventhV2.toString()).isEqualTo(400);
        assertThat(idsOf(api.get("/v1.1/apps/" + appId + "/keys", account.basic()).json().path("keys"), "_id"))
                .containsExactlyElementsOf(made);

        assertThat(api.delete("/v1.1/apps/" + appId + "/keys/" + made.get(1), account.basic()).status())
                .isEqualTo(200);
        assertThat(api.post("/v1.1/apps/" + appId + "/keys", account.basic(), "{\"name\":\"Replacement\"}").status())
                .as("deleting a key frees its slot").isEqualTo(201);
        assertThat(api.post("/v1.1/apps/" + appId + "/keys", account.basic(), "{\"name\":\"Too many\"}").status())
                .isEqualTo(400);
        assertThat(api.get("/v2/apps/" + appId + "/keys", account.basic()).json().path("keys")).hasSize(10);
    }

    @Test
    void handsOutAnAppScopedJwtThatAuthenticatesTheKey() throws Exception {
        AccountFixture account = createAccount("V1 app key jwt", null);
        String appId = createV1App(account.basic(), "Tokened");
        String otherApp = createV1App(account.basic(), "Not this one");
        KeyFixture key = createV1AppKey(account.basic(), appId, "Widget");

        String token = assertIssuedJwt(api.get("/v1.1/apps/" + appId + "/keys/" + key.id() + "/jwt", account.basic()),
                key, "app");
        assertThat(api.get("/v1.1/apps/" + appId + "/keys/" + key.id() + "/jwt", account.jwt()).status())
                .isEqualTo(200);

        Auth bearer = Auth.bearer(token);
        Response v2 = api.get("/v2/apps/" + appId, bearer);
        assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
        assertThat(v2.at("/app/id")).isEqualTo(appId);
        Response v1 = api.get("/v1.1/apps/" + appId, bearer);
        assertThat(v1.status()).as(v1.toString()).isEqualTo(200);
        assertThat(v1.at("/app/_id")).isEqualTo(appId);
        assertThat(api.put("/v1.1/apps/" + appId, bearer, "{\"name\":\"Renamed by its JWT\"}").status()).isEqualTo(200);

        assertError(api.get("/v1.1/apps", bearer), 403, "forbidden");
        assertThat(api.get("/v1.1/apps/" + otherApp, bearer).status()).isEqualTo(403);
        assertThat(api.get("/v1.1/apps/" + appId + "/keys", bearer).status()).isEqualTo(403);

        Response unknownKey = api.get("/v1.1/apps/" + appId + "/keys/app_" + "0".repeat(24) + "/jwt",
                account.basic());
        assertThat(unknownKey.status()).as(unknownKey.toString()).isEqualTo(404);
        assertThat(api.get("/v1.1/apps/" + otherApp + "/keys/" + key.id() + "/jwt", account.basic()).status())
                .as("a key is found only under its own app").isEqualTo(404);

        assertThat(api.delete("/v1.1/apps/" + appId + "/keys/" + key.id(), account.basic()).status()).isEqualTo(200);
        assertError(api.get("/v1.1/apps/" + appId, bearer), 401, "unauthorized", "the JWT of a deleted key");
    }

    // ---------------------------------------------------------------- access

    @Test
    void letsAnAppKeyReadAndUpdateOnlyItsOwnApp() {
        AccountFixture account = createAccount("V1 app key access", null);
        String own = createV1App(account.basic(), "Own");
        String sibling = createV1App(account.basic(), "Sibling");
        KeyFixture appKey = createV1AppKey(account.basic(), own, "k");
        KeyFixture siblingKey = createV1AppKey(account.basic(), sibling, "sibling k");

        for (Auth auth : List.of(appKey.basic(), appKey.jwt("app"))) {
            Response read = api.get("/v1.1/apps/" + own, auth);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.at("/app/_id")).isEqualTo(own);
            Response updated = api.put("/v1.1/apps/" + own, auth, "{\"metadata\":{\"by\":\"app key\"}}");
            assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
            assertThat(updated.json().at("/app/metadata/by").asText()).isEqualTo("app key");

            for (Response response : List.of(
                    api.get("/v1.1/apps", auth),
                    api.post("/v1.1/apps", auth, "{\"name\":\"Nope\"}"),
                    api.delete("/v1.1/apps/" + own, auth),
                    api.get("/v1.1/apps/" + own + "/keys", auth),
                    api.post("/v1.1/apps/" + own + "/keys", auth, "{\"name\":\"Nope\"}"),
                    api.get("/v1.1/apps/" + own + "/keys/" + appKey.id(), auth),
                    api.get("/v1.1/apps/" + own + "/keys/" + appKey.id() + "/jwt", auth),
                    api.delete("/v1.1/apps/" + own + "/keys/" + appKey.id(), auth),
                    api.get("/v1.1/apps/" + sibling, auth),
                    api.put("/v1.1/apps/" + sibling, auth, "{\"name\":\"Stolen\"}"),
                    api.delete("/v1.1/apps/" + sibling, auth),
                    api.get("/v1.1/apps/" + sibling + "/keys/" + siblingKey.id() + "/jwt", auth),
                    api.get("/v1.1/serviceaccounts", auth),
                    api.post("/v1.1/serviceaccounts", auth, "{\"name\":\"Nope\"}"))) {
                assertError(response, 403, "forbidden", auth.header());
            }
        }
        assertThat(api.get("/v1.1/apps/" + own, appKey.basic()).status()).as("still there").isEqualTo(200);
        assertThat(api.get("/v1.1/apps/" + sibling, account.basic()).at("/app/name")).isEqualTo("Sibling");
        assertThat(api.get("/v1.1/apps/" + own + "/keys", account.basic()).json().path("keys")).hasSize(1);

        for (Auth auth : List.of(Auth.NONE, Auth.basic(appKey.id(), "wrong"), Auth.jwt(appKey.id(), appKey.secret(),
                "account"))) {
            assertError(api.get("/v1.1/apps/" + own, auth), 401, "unauthorized", auth.header());
        }
        assertThat(api.get("/v1.1/apps", Auth.NONE).status()).isEqualTo(401);
    }

    @Test
    void keepsAccountsApartOnV1() {
        AccountFixture first = createAccount("V1 tenant one", null);
        AccountFixture second = createAccount("V1 tenant two", null);
        String appOfFirst = createV1App(first.basic(), "Private");
        KeyFixture keyOfFirst = createV1AppKey(first.basic(), appOfFirst, "k");
        String appOfSecond = createV1App(second.basic(), "Theirs");
        KeyFixture keyOfSecond = createV1AppKey(second.basic(), appOfSecond, "k2");
        String one = "/v1.1/apps/" + appOfFirst;

        assertThat(api.get("/v1.1/apps", second.basic()).json().path("apps").size()).isEqualTo(1);
        for (Auth intruder : List.of(second.basic(), second.jwt(), keyOfSecond.basic())) {
            for (Response response : everyV1RequestOn(one, keyOfFirst.id(), intruder)) {
                assertThat(response.status()).as(intruder.header() + " " + response).isEqualTo(404);
            }
        }
        Response stillThere = api.get(one, first.basic());
        assertThat(stillThere.at("/app/name")).isEqualTo("Private");
        assertThat(api.get(one, keyOfFirst.basic()).status()).isEqualTo(200);
        assertThat(api.get(one + "/keys", first.basic()).json().path("keys")).hasSize(1);
    }

}
