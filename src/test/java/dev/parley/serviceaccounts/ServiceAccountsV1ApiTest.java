package dev.parley.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The v1.1 service account routes ({@code /v1.1/serviceaccounts…}) for older clients: CRUD, limit/offset lists,
 * keys and their {@code /jwt}, who may call them, and that they show the very same data as {@code /v2}.
 */
class ServiceAccountsV1ApiTest extends ApiTest {
    // ---------------------------------------------------------------- CRUD and validation

    @Test
    void createsReadsRenamesAndDeletesAServiceAccountThroughV1() {
        AccountFixture account = createAccount("V1 SA CRUD", null);
        Response created = created("/v1.1/serviceaccounts", account.basic(), "{\"name\":\"Deployer\"}");
        assertThat(fieldNames(created.json())).containsExactly("serviceAccount");
        JsonNode serviceAccount = created.json().path("serviceAccount");
        assertThat(fieldNames(serviceAccount)).containsExactlyInAnyOrder("_id", "name");
        String id = serviceAccount.path("_id").asText();
        assertThat(id).matches(HEX_ID);
        assertThat(serviceAccount.path("name").asText()).isEqualTo("Deployer");

        Response read = api.get("/v1.1/serviceaccounts/" + id, account.jwt());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("serviceAccount")).isEqualTo(serviceAccount);

        Response listed = api.get("/v1.1/serviceaccounts", account.basic());
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(fieldNames(listed.json())).containsExactlyInAnyOrder("serviceAccounts", "hasMore", "offset");
        assertThat(listed.json().path("serviceAccounts")).containsExactly(serviceAccount);

        Response renamed = api.put("/v1.1/serviceaccounts/" + id, account.basic(), "{\"name\":\"Deployer EU\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.at("/serviceAccount/_id")).isEqualTo(id);
        assertThat(renamed.at("/serviceAccount/name")).isEqualTo("Deployer EU");
        assertThat(api.get("/v1.1/serviceaccounts/" + id, account.basic()).at("/serviceAccount/name"))
                .isEqualTo("Deployer EU");

        Response untouched = api.put("/v1.1/serviceaccounts/" + id, account.jwt(), "{}");
        assertThat(untouched.status()).as(untouched.toString()).isEqualTo(200);
        assertThat(untouched.at("/serviceAccount/name")).as("an empty PUT changes nothing").isEqualTo("Deployer EU");

        assertEmptyOk(api.delete("/v1.1/serviceaccounts/" + id, account.basic()));

        for (Response gone : List.of(
                api.get("/v1.1/serviceaccounts/" + id, account.basic()),
                api.put("/v1.1/serviceaccounts/" + id, account.basic(), "{\"name\":\"Back\"}"),
                api.delete("/v1.1/serviceaccounts/" + id, account.basic()),
                api.get("/v1.1/serviceaccounts/" + id + "/keys", account.basic()),
                api.post("/v1.1/serviceaccounts/" + id + "/keys", account.basic(), "{\"name\":\"k\"}"),
                api.get("/v2/serviceaccounts/" + id, account.basic()))) {
            assertError(gone, 404, "not_found");
        }
        assertThat(api.get("/v1.1/serviceaccounts", account.basic()).json().path("serviceAccounts")).isEmpty();
        for (String notAnId : List.of("nothex", "ABCDEFABCDEFABCDEFABCDEF", "0".repeat(24))) {
            assertThat(api.get("/v1.1/serviceaccounts/" + notAnId, account.basic()).status()).as(notAnId)
                    .isEqualTo(404);
        }
    }

    @Test
    void validatesV1ServiceAccountBodiesAndChangesNothingOnA400() {
        AccountFixture account = createAccount("V1 SA validation", null);
        List<String> invalidCreates = List.of(
                "{}",
                "{\"displayName\":\"v2 field\"}",
                "{\"name\":\"ok\",\"displayName\":\"v2 field\"}",
                "{\"name\":\"\"}",
                "{\"name\":\"   \"}",
                "{\"name\":null}",
                "{\"name\":42}",
                "{\"name\":\"" + "x".repeat(101) + "\"}",
                "{\"name\":\"ok\",\"unknown\":1}",
                "{\"name\":\"ok\",\"_id\":\"" + "0".repeat(24) + "\"}",
                "{\"name\":\"a\",\"name\":\"b\"}",
                "[]",
                "{\"name\":");
        for (String body : invalidCreates) {
            Response response = api.post("/v1.1/serviceaccounts", account.basic(), body);
            assertError(response, 400, "bad_request", body);
        }
        Response textPlain = api.send("POST", "/v1.1/serviceaccounts", account.basic(), "text/plain",
                "{\"name\":\"ok\"}", Map.of());
        assertThat(textPlain.status()).as(textPlain.toString()).isEqualTo(415);
        assertThat(api.get("/v1.1/serviceaccounts", account.basic()).json().path("serviceAccounts"))
                .as("nothing was created").isEmpty();

        String id = createV1ServiceAccount(account.basic(), "y".repeat(100));
        for (String body : List.of("{\"displayName\":\"v2 field\"}", "{\"name\":null}", "{\"name\":\"\"}",
                "{\"name\":\"ok\",\"unknown\":1}", "[]")) {
            Response response = api.put("/v1.1/serviceaccounts/" + id, account.basic(), body);
            assertError(response, 400, "bad_request", body);
        }
        assertThat(api.get("/v1.1/serviceaccounts/" + id, account.basic()).at("/serviceAccount/name"))
                .as("the rejected updates changed nothing").isEqualTo("y".repeat(100));
    }

    @Test
    void aServiceAccountIsTheSameRecordOnV1AndV2() {
        AccountFixture account = createAccount("V1 SA shared", null);
        String fromV1 = createV1ServiceAccount(account.basic(), "Made on v1");
        Response onV2 = api.get("/v2/serviceaccounts/" + fromV1, account.basic());
        assertThat(onV2.status()).as(onV2.toString()).isEqualTo(200);
        assertThat(onV2.at("/serviceAccount/id")).isEqualTo(fromV1);
        assertThat(onV2.at("/serviceAccount/displayName")).isEqualTo("Made on v1");

        String fromV2 = createServiceAccount(account.basic(), "Made on v2");
        Response onV1 = api.get("/v1.1/serviceaccounts/" + fromV2, account.basic());
        assertThat(onV1.status()).as(onV1.toString()).isEqualTo(200);
        assertThat(onV1.json().path("serviceAccount"))
                .isEqualTo(json("{\"_id\":\"" + fromV2 + "\",\"name\":\"Made on v2\"}"));

        assertThat(idsOf(api.get("/v1.1/serviceaccounts", account.basic()).json().path("serviceAccounts"), "_id"))
                .containsExactly(fromV1, fromV2);
        assertThat(idsOf(api.get("/v2/serviceaccounts", account.basic()).json().path("serviceAccounts"), "id"))
                .containsExactly(fromV1, fromV2);

        assertThat(api.put("/v1.1/serviceaccounts/" + fromV2, account.basic(), "{\"name\":\"Renamed on v1\"}").status())
                .isEqualTo(200);
        assertThat(api.get("/v2/serviceaccounts/" + fromV2, account.basic()).at("/serviceAccount/displayName"))
                .isEqualTo("Renamed on v1");
        assertThat(api.patch("/v2/serviceaccounts/" + fromV1, account.basic(), "{\"displayName\":\"Renamed on v2\"}")
                .status()).isEqualTo(200);
        assertThat(api.get("/v1.1/serviceaccounts/" + fromV1, account.basic()).at("/serviceAccount/name"))
                .isEqualTo("Renamed on v2");

        KeyFixture v2Key = key(api.post("/v2/serviceaccounts/" + fromV1 + "/keys", account.basic(),
                "{\"displayName\":\"v2 key\"}").json().path("key"));
        Response v2KeyOnV1 = api.get("/v1.1/serviceaccounts/" + fromV1 + "/keys/" + v2Key.id(), account.basic());
        assertThat(v2KeyOnV1.json().path("key")).isEqualTo(
                json("{\"_id\":\"" + v2Key.id() + "\",\"secret\":\"" + v2Key.secret() + "\",\"name\":\"v2 key\"}"));

        assertThat(api.delete("/v2/serviceaccounts/" + fromV1, account.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v1.1/serviceaccounts/" + fromV1, account.basic()).status()).isEqualTo(404);
        assertThat(api.delete("/v1.1/serviceaccounts/" + fromV2, account.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v2/serviceaccounts/" + fromV2, account.basic()).status()).isEqualTo(404);
        assertThat(api.get("/v2/serviceaccounts", account.basic()).json().path("serviceAccounts")).isEmpty();
    }

    // ---------------------------------------------------------------- lists

    @Test
    void listsServiceAccountsOldestFirstByLimitAndOffset() {
        AccountFixture account = createAccount("V1 SA paging", null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(createV1ServiceAccount(account.basic(), "SA " + i));
        }
        assertThat(ids).isSorted();

        String list = "/v1.1/serviceaccounts";
        assertV1ServiceAccountsPage(api.get(list, account.basic()), ids, false, 0);
        assertV1ServiceAccountsPage(api.get(list + "?limit=2", account.jwt()), ids.subList(0, 2), true, 0);
        assertV1ServiceAccountsPage(api.get(list + "?limit=2&offset=2", account.basic()), ids.subList(2, 4), true, 2);
        assertV1ServiceAccountsPage(api.get(list + "?limit=2&offset=4", account.basic()), ids.subList(4, 5), false, 4);
        assertV1ServiceAccountsPage(api.get(list + "?limit=2&offset=3", account.basic()), ids.subList(3, 5), false, 3);
        assertV1ServiceAccountsPage(api.get(list + "?limit=5", account.basic()), ids, false, 0);
        assertV1ServiceAccountsPage(api.get(list + "?limit=4", account.basic()), ids.subList(0, 4), true, 0);
        assertV1ServiceAccountsPage(api.get(list + "?offset=1", account.basic()), ids.subList(1, 5), false, 1);
        assertV1ServiceAccountsPage(api.get(list + "?offset=5", account.basic()), List.of(), false, 5);
        assertV1ServiceAccountsPage(api.get(list + "?limit=100&offset=40", account.basic()), List.of(), false, 40);

        AccountFixture other = createAccount("V1 SA paging other", null);
        assertV1ServiceAccountsPage(api.get(list, other.basic()), List.of(), false, 0);

        for (String query : List.of("limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "offset=-1",
                "offset=abc", "offset=1.5", "limit=1&limit=1")) {
            Response response = api.get("/v1.1/serviceaccounts?" + query, account.basic());
            assertError(response, 400, "bad_request", query);
        }
    }

    // ---------------------------------------------------------------- keys and their JWT

    @Test
    void managesServiceAccountKeysThroughV1() {
        AccountFixture account = createAccount("V1 SA keys", null);
        String id = createV1ServiceAccount(account.basic(), "Keyed");
        String keys = "/v1.1/serviceaccounts/" + id + "/keys";

        JsonNode key = assertV1Key(created(keys, account.basic(), "{\"name\":\"Berlin key\"}"), SERVICE_ACCOUNT_KEY_ID,
                "Berlin key");

        JsonNode secondKey = created(keys, account.jwt(), "{\"name\":\"Second\"}").json().path("key");

        Response list = api.get(keys, account.basic());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(fieldNames(list.json())).containsExactly("keys");
        assertThat(list.json().path("keys")).as("oldest first, secrets included").containsExactly(key, secondKey);
        Response one = api.get(keys + "/" + key.path("_id").asText(), account.jwt());
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.json().path("key")).isEqualTo(key);
        Response onV2 = api.get("/v2/serviceaccounts/" + id + "/keys/" + key.path("_id").asText(), account.basic());
        assertThat(onV2.at("/key/displayName")).isEqualTo("Berlin key");
        assertThat(onV2.at("/key/secret")).isEqualTo(key.path("secret").asText());

        KeyFixture doomed = new KeyFixture(key.path("_id").asText(), key.path("secret").asText());
        assertThat(api.get("/v1.1/apps", doomed.basic()).status()).as("the key works").isEqualTo(200);
        assertEmptyOk(api.delete(keys + "/" + doomed.id(), account.basic()));
        assertThat(api.get("/v1.1/apps", doomed.basic()).status()).as("deleted keys stop at once").isEqualTo(401);
        assertThat(api.get(keys + "/" + doomed.id(), account.basic()).status()).isEqualTo(404);
        assertThat(api.get(keys + "/" + doomed.id() + "/jwt", account.basic()).status()).isEqualTo(404);
        assertThat(api.delete(keys + "/" + doomed.id(), account.basic()).status()).isEqualTo(404);
        assertThat(api.get(keys, account.basic()).json().path("keys")).containsExactly(secondKey);

        for (String body : List.of("{}", "{\"displayName\":\"v2 field\"}", "{\"name\":\"\"}", "{\"name\":null}",
                "{\"name\":\"ok\",\"secret\":\"chosen\"}", "[]")) {
            Response response = api.post(keys, account.basic(), body);
            assertError(response, 400, "bad_request", body);
        }
        for (int i = 1; i < 10; i++) {
            assertThat(api.post(keys, account.basic(), "{\"name\":\"Key " + i + "\"}").status()).isEqualTo(201);
        }
        Response eleventh = api.post(keys, account.basic(), "{\"name\":\"Too many\"}");
        assertThat(eleventh.status()).as(eleventh.toString()).isEqualTo(400);
        assertThat(api.post("/v2/serviceaccounts/" + id + "/keys", account.basic(), "{\"displayName\":\"Too many\"}")
                .status()).as("the limit is shared with v2").isEqualTo(400);
        assertThat(api.get(keys, account.basic()).json().path("keys")).hasSize(10);

        String other = createV1ServiceAccount(account.basic(), "Other");
        String secondId = secondKey.path("_id").asText();
        for (String path : List.of("/v1.1/serviceaccounts/" + other + "/keys/" + secondId,
                "/v1.1/serviceaccounts/" + other + "/keys/" + secondId + "/jwt", keys + "/" + account.keyId(),
                keys + "/svc_" + "0".repeat(24), keys + "/nonsense")) {
            assertThat(api.get(path, account.basic()).status()).as(path).isEqualTo(404);
        }
        assertThat(api.delete("/v1.1/serviceaccounts/" + other + "/keys/" + secondId, account.basic()).status())
                .isEqualTo(404);
    }

    @Test
    void handsOutAnAccountScopedJwtForAServiceAccountKey() throws Exception {
        AccountFixture account = createAccount("V1 SA jwt", null);
        String accountApp = createApp(account.basic(), "Account's own");
        String id = createV1ServiceAccount(account.basic(), "Deployment Berlin");
        KeyFixture svc = createV1ServiceAccountKey(account.basic(), id, "Berlin key");

        String token = assertIssuedJwt(api.get("/v1.1/serviceaccounts/" + id + "/keys/" + svc.id() + "/jwt",
                account.basic()), svc, "account");
        assertThat(api.get("/v1.1/serviceaccounts/" + id + "/keys/" + svc.id() + "/jwt", account.jwt()).status())
                .isEqualTo(200);

        Auth bearer = Auth.bearer(token);
        String appId = created("/v1.1/apps", bearer, "{\"name\":\"Berlin customer\"}").at("/app/_id");

        Response byFilter = api.get("/v1.1/apps?serviceAccountId=" + id, account.basic());
        assertThat(byFilter.status()).as(byFilter.toString()).isEqualTo(200);
        assertThat(idsOf(byFilter.json().path("apps"), "_id")).containsExactly(appId);
        Response ownList = api.get("/v1.1/apps", bearer);
        assertThat(ownList.status()).as(ownList.toString()).isEqualTo(200);
        assertThat(idsOf(ownList.json().path("apps"), "_id")).as("only its own apps").containsExactly(appId);
        assertThat(idsOf(api.get("/v1.1/apps", account.basic()).json().path("apps"), "_id"))
                .containsExactly(accountApp, appId);
        assertThat(api.get("/v1.1/apps/" + appId, bearer).status()).isEqualTo(200);
        assertThat(api.get("/v1.1/apps/" + accountApp, bearer).status()).as("not one of its apps").isEqualTo(404);

        assertError(api.get("/v1.1/serviceaccounts", bearer), 403, "forbidden");
        assertThat(api.get("/v1.1/serviceaccounts/" + id, bearer).status()).isEqualTo(403);
        assertThat(api.get("/v1.1/serviceaccounts/" + id + "/keys/" + svc.id() + "/jwt", bearer).status())
                .isEqualTo(403);

        assertThat(api.get("/v1.1/serviceaccounts/" + id + "/keys/svc_" + "0".repeat(24) + "/jwt", account.basic())
                .status()).isEqualTo(404);

        assertThat(api.delete("/v1.1/serviceaccounts/" + id, account.basic()).status()).isEqualTo(200);
        assertError(api.get("/v1.1/apps", bearer), 401, "unauthorized",
                "deleting the service account revokes its keys' JWTs");
        assertThat(api.get("/v1.1/apps/" + appId, account.basic()).at("/app/name"))
                .as("its apps stay with the account").isEqualTo("Berlin customer");
    }

    // ---------------------------------------------------------------- access

    @Test
    void refusesServiceAccountAndAppKeysOnEveryV1ServiceAccountRoute() {
        AccountFixture account = createAccount("V1 SA access", null);
        String own = createV1ServiceAccount(account.basic(), "Own");
        KeyFixture svc = createV1ServiceAccountKey(account.basic(), own, "svc");
        String other = createV1ServiceAccount(account.basic(), "Other");
        KeyFixture otherKey = createV1ServiceAccountKey(account.basic(), other, "other");
        String appId = createApp(account.basic(), "App");
        KeyFixture appKey = createAppKey(account.basic(), appId, "app key");

        for (Auth auth : List.of(svc.basic(), svc.jwt("account"), appKey.basic(), appKey.jwt("app"))) {
            for (String target : List.of(own, other)) {
                String one = "/v1.1/serviceaccounts/" + target;
                String keyId = target.equals(own) ? svc.id() : otherKey.id();
                for (Response response : List.of(
                        api.post("/v1.1/serviceaccounts", auth, "{\"name\":\"Nope\"}"),
                        api.get("/v1.1/serviceaccounts", auth),
                        api.get("/v1.1/serviceaccounts?limit=1&offset=0", auth),
                        api.get(one, auth),
                        api.put(one, auth, "{\"name\":\"Nope\"}"),
                        api.delete(one, auth),
                        api.post(one + "/keys", auth, "{\"name\":\"Nope\"}"),
                        api.get(one + "/keys", auth),
                        api.get(one + "/keys/" + keyId, auth),
                        api.get(one + "/keys/" + keyId + "/jwt", auth),
                        api.delete(one + "/keys/" + keyId, auth))) {
                    assertError(response, 403, "forbidden", auth.header());
                }
            }
        }
        assertThat(idsOf(api.get("/v1.1/serviceaccounts", account.basic()).json().path("serviceAccounts"), "_id"))
                .as("nothing changed").containsExactly(own, other);
        assertThat(api.get("/v1.1/serviceaccounts/" + own, account.basic()).at("/serviceAccount/name"))
                .isEqualTo("Own");
        assertThat(api.get("/v1.1/serviceaccounts/" + own + "/keys", account.basic()).json().path("keys")).hasSize(1);
        assertThat(api.get("/v1.1/apps", svc.basic()).status()).as("the svc key still works").isEqualTo(200);

        for (Response response : List.of(api.get("/v1.1/serviceaccounts", Auth.NONE),
                api.get("/v1.1/serviceaccounts/" + own, Auth.basic(account.keyId(), "wrong")),
                api.get("/v1.1/serviceaccounts", Auth.jwt(svc.id(), svc.secret(), "app")))) {
            assertError(response, 401, "unauthorized");
        }
    }

    @Test
    void keepsAccountsApartOnV1ServiceAccounts() {
        AccountFixture first = createAccount("V1 SA tenant one", null);
        AccountFixture second = createAccount("V1 SA tenant two", null);
        String id = createV1ServiceAccount(first.basic(), "Private");
        KeyFixture key = createV1ServiceAccountKey(first.basic(), id, "k");
        String one = "/v1.1/serviceaccounts/" + id;

        assertThat(api.get("/v1.1/serviceaccounts", second.basic()).json().path("serviceAccounts")).isEmpty();
        for (Auth intruder : List.of(second.basic(), second.jwt())) {
            for (Response response : everyV1RequestOn(one, key.id(), intruder)) {
                assertThat(response.status()).as(intruder.header() + " " + response).isEqualTo(404);
            }
        }
        assertThat(api.get(one, first.basic()).at("/serviceAccount/name")).isEqualTo("Private");
        assertThat(api.get("/v1.1/apps", key.basic()).status()).as("the key survived").isEqualTo(200);
    }

}
