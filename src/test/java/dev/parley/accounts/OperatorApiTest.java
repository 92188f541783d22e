package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator API under /admin: accounts and their account keys. */
class OperatorApiTest extends ApiTest {
    private static final String MISSING = "0".repeat(24);

    @Test
    void createsAnAccountWithItsFirstKey() {
        Response created = api.post("/admin/accounts", server.operator(), "{\"displayName\":\"Acme\",\"maxApps\":5}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode account = created.json().path("account");
        assertThat(fieldNames(account)).containsExactlyInAnyOrder("id", "displayName", "maxApps", "appCount");
        assertThat(account.path("id").asText()).matches(HEX_ID);
        assertThat(account.path("displayName").asText()).isEqualTo("Acme");
        assertThat(account.path("maxApps").isInt()).isTrue();
        assertThat(account.path("maxApps").asInt()).isEqualTo(5);
        assertThat(account.path("appCount").asInt()).isZero();
        JsonNode key = created.json().path("key");
        assertThat(fieldNames(key)).containsExactlyInAnyOrder("id", "displayName", "secret");
        assertThat(key.path("id").asText()).matches(ACCOUNT_KEY_ID);
        assertThat(key.path("displayName").asText()).isNotBlank();
        assertThat(key.path("secret").asText()).matches(SECRET);

        Auth auth = Auth.basic(key.path("id").asText(), key.path("secret").asText());
        Response apps = api.get("/v2/apps", auth);
        assertThat(apps.status()).as(apps.toString()).isEqualTo(200);
        assertThat(apps.json().path("apps")).isEmpty();
        createApp(auth, "First");
        assertThat(api.get("/v2/apps", Auth.jwt(key.path("id").asText(), key.path("secret").asText(), "account"))
                .json().path("apps")).hasSize(1);

        Response read = api.get("/admin/accounts/" + account.path("id").asText(), server.operator());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.at("/account/displayName")).isEqualTo("Acme");
        assertThat(read.json().at("/account/appCount").asInt()).isEqualTo(1);
    }

    @Test
    void leavesMaxAppsUnlimitedWhenOmittedOrNull() {
        for (String body : List.of("{\"displayName\":\"Unlimited\"}", "{\"displayName\":\"Unlimited\",\"maxApps\":null}")) {
            Response created = api.post("/admin/accounts", server.operator(), body);
            assertThat(created.status()).as(body + ": " + created).isEqualTo(201);
            assertThat(created.json().at("/account/maxApps").isNull()).as(body + ": " + created).isTrue();
            Response read = api.get("/admin/accounts/" + created.at("/account/id"), server.operator());
            assertThat(read.json().at("/account/maxApps").isNull()).as(read.toString()).isTrue();
        }
        Response zero = api.post("/admin/accounts", server.operator(), "{\"displayName\":\"Zero\",\"maxApps\":0}");
        assertThat(zero.status()).isEqualTo(201);
        assertThat(zero.json().at("/account/maxApps").asInt()).isZero();
        assertThat(zero.json().at("/account/maxApps").isNull()).isFalse();
    }

    @Test
    void validatesAccountBodies() {
        Response before = api.get("/admin/accounts?page[size]=100", server.operator());
        List<String> invalid = List.of(
                "{}",
                "{\"maxApps\":5}",
                "{\"displayName\":null}",
                "{\"displayName\":\"\"}",
                "{\"displayName\":\"" + "x".repeat(101) + "\"}",
                "{\"displayName\":7}",
                "{\"displayName\":\"Acme\",\"maxApps\":-1}",
                "{\"displayName\":\"Acme\",\"maxApps\":\"5\"}",
                "{\"displayName\":\"Acme\",\"maxApps\":1.5}",
                "{\"displayName\":\"Acme\",\"maxApps\":true}",
                "{\"displayName\":\"Acme\",\"maxApps\":99999999999}",
                "{\"displayName\":\"Acme\",\"unknown\":1}",
                "{\"displayName\":\"Acme\",\"appCount\":3}",
                "{\"displayName\":\"Acme\",\"id\":\"" + MISSING + "\"}",
                "[]",
                "{\"displayName\":");
        for (String body : invalid) {
            Response response = api.post("/admin/accounts", server.operator(), body);
            assertError(response, 400, "bad_request", body);
        }
        Response textPlain = api.send("POST", "/admin/accounts", server.operator(), "text/plain",
                "{\"displayName\":\"Acme\"}", Map.of());
        assertThat(textPlain.status()).isEqualTo(415);
        Response after = api.get("/admin/accounts?page[size]=100", server.operator());
        assertThat(after.json().path("accounts")).as("nothing was created").isEqualTo(before.json().path("accounts"));
    }

    @Test
    void listsAccountsOldestFirstWithCursorPagination() {
        String sentinel = createAccount("Paging sentinel", null).id();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(createAccount("Paging " + i, i).id());
        }
        assertThat(ids).isSorted();
        assertThat(sentinel).isLessThan(ids.get(0));

        Response first = api.get("/admin/accounts?page[after]=" + sentinel + "&page[size]=2", server.operator());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(idsOf(first.json().path("accounts"))).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(first.json().path("accounts").path(0).path("displayName").asText()).isEqualTo("Paging 0");
        assertThat(first.json().at("/meta/hasMore").asBoolean()).isTrue();
        assertThat(first.at("/meta/afterCursor")).isEqualTo(ids.get(1));
        assertThat(first.at("/links/next")).endsWith("/admin/accounts?page[after]=" + ids.get(1) + "&page[size]=2");

        Response second = api.get("/admin/accounts?page[after]=" + ids.get(1) + "&page[size]=2", server.operator());
        assertThat(idsOf(second.json().path("accounts"))).containsExactlyElementsOf(ids.subList(2, 4));
        assertThat(second.json().at("/meta/hasMore").asBoolean()).isTrue();
        assertThat(second.at("/meta/beforeCursor")).isEqualTo(ids.get(2));
        assertThat(second.at("/links/prev")).contains("page[before]=" + ids.get(2));

        Response last = api.get("/admin/accounts?page[after]=" + ids.get(3) + "&page[size]=2", server.operator());
        assertThat(idsOf(last.json().path("accounts"))).containsExactly(ids.get(4));
        assertThat(last.json().at("/meta/hasMore").asBoolean()).isFalse();
        assertThat(last.json().at("/meta/afterCursor").isMissingNode()).isTrue();
        assertThat(last.json().at("/links/next").isMissingNode()).isTrue();

        Response back = api.get("/admin/accounts?page[before]=" + ids.get(4) + "&page[size]=3", server.operator());
        assertThat(idsOf(back.json().path("accounts"))).containsExactlyElementsOf(ids.subList(1, 4));
        assertThat(back.json().at("/meta/hasMore").asBoolean()).as("older records remain").isTrue();

        Response all = api.get("/admin/accounts?page[size]=100", server.operator());
        List<String> allIds = idsOf(all.json().path("accounts"));
        assertThat(allIds).isSorted().containsSubsequence(ids).endsWith(ids.get(4));

        Response defaultSize = api.get("/admin/accounts", server.operator());
        assertThat(defaultSize.json().path("accounts").size()).isEqualTo(Math.min(25, allIds.size()));

        for (String query : List.of("page[size]=0", "page[size]=101", "page[after]=nothex",
                "page[after]=" + sentinel + "&page[before]=" + sentinel)) {
            Response bad = api.get("/admin/accounts?" + query, server.operator());
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.errorCode()).isEqualTo("bad_request");
        }
    }

    @Test
    void readsAndUpdatesAnAccount() {
        AccountFixture account = createAccount("Before", 3);
        String path = "/admin/accounts/" + account.id();

        Response renamed = api.patch(path, server.operator(), "{\"displayName\":\"After\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.at("/account/displayName")).isEqualTo("After");
        assertThat(renamed.json().at("/account/maxApps").asInt()).as("maxApps not named is kept").isEqualTo(3);

        Response raised = api.patch(path, server.operator(), "{\"maxApps\":4}");
        assertThat(raised.json().at("/account/maxApps").asInt()).isEqualTo(4);
        assertThat(raised.at("/account/displayName")).as("displayName not named is kept").isEqualTo("After");
        Response both = api.patch(path, server.operator(), "{\"displayName\":\"After all\",\"maxApps\":4}");
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.at("/account/displayName")).isEqualTo("After all");
        Response empty = api.patch(path, server.operator(), "{}");
        assertThat(empty.status()).as("an empty update changes nothing").isEqualTo(200);
        assertThat(empty.json().path("account")).isEqualTo(both.json().path("account"));

        Response read = api.get(path, server.operator());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.at("/account/id")).isEqualTo(account.id());
        assertThat(read.at("/account/displayName")).isEqualTo("After all");
        assertThat(read.json().at("/account/maxApps").asInt()).isEqualTo(4);
        assertThat(read.json().at("/account/appCount").asInt()).isZero();

        for (String body : List.of("{\"displayName\":\"\"}", "{\"displayName\":null}", "{\"maxApps\":-1}",
                "{\"maxApps\":\"3\"}", "{\"maxApps\":2.5}", "{\"appCount\":0}", "[]")) {
            Response bad = api.patch(path, server.operator(), body);
            assertThat(bad.status()).as(body + ": " + bad).isEqualTo(400);
        }
        assertThat(api.get(path, server.operator()).json().path("account"))
                .as("rejected updates changed nothing").isEqualTo(read.json().path("account"));

        assertThat(api.get("/admin/accounts/" + MISSING, server.operator()).status()).isEqualTo(404);
        assertThat(api.get("/admin/accounts/nonsense", server.operator()).status()).isEqualTo(404);
        assertThat(api.patch("/admin/accounts/" + MISSING, server.operator(), "{\"displayName\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(api.delete("/admin/accounts/" + MISSING, server.operator()).status()).isEqualTo(404);
    }

    @Test
    void patchingMaxAppsToNullRemovesTheCap() {
        AccountFixture account = createAccount("Capped then free", 1);
        String path = "/admin/accounts/" + account.id();
        createApp(account.basic(), "Only one");
        assertThat(api.post("/v2/apps", account.basic(), "{\"displayName\":\"Second\"}").status()).isEqualTo(402);

        Response unlimited = api.patch(path, server.operator(), "{\"maxApps\":null}");
        assertThat(unlimited.status()).as(unlimited.toString()).isEqualTo(200);
        assertThat(unlimited.json().at("/account/maxApps").isNull()).as("PATCH maxApps null: " + unlimited).isTrue();
        Response read = api.get(path, server.operator());
        assertThat(read.json().at("/account/maxApps").isNull()).as("GET after PATCH maxApps null: " + read).isTrue();
        assertThat(read.at("/account/displayName")).as("displayName not named is kept").isEqualTo("Capped then free");
        for (int i = 0; i < 3; i++) {
            Response created = api.post("/v2/apps", account.basic(), "{\"displayName\":\"More " + i + "\"}");
            assertThat(created.status()).as("no cap after maxApps null: " + created).isEqualTo(201);
        }
    }

    @Test
    void loweringMaxAppsBelowTheAppCountKeepsAppsButRefusesNewOnes() {
        AccountFixture account = createAccount("Downgraded", 5);
        String path = "/admin/accounts/" + account.id();
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            apps.add(createApp(account.basic(), "App " + i));
        }

        Response lowered = api.patch(path, server.operator(), "{\"maxApps\":2}");
        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
        assertThat(lowered.json().at("/account/maxApps").asInt()).isEqualTo(2);
        assertThat(lowered.json().at("/account/appCount").asInt()).isEqualTo(4);
        assertThat(idsOf(api.get("/v2/apps", account.basic()).json().path("apps")))
                .as("existing apps are kept").containsExactlyElementsOf(apps);
        Response refused = api.post("/v2/apps", account.basic(), "{\"displayName\":\"Over plan\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(402);
        assertThat(refused.errorCode()).isEqualTo("payment_required");

        assertThat(api.delete("/v2/apps/" + apps.get(0), account.basic()).status()).isEqualTo(200);
        assertThat(api.post("/v2/apps", account.basic(), "{\"displayName\":\"Still over\"}").status())
                .as("3 apps, plan of 2").isEqualTo(402);
        assertThat(api.patch("/v2/apps/" + apps.get(1), account.basic(), "{\"displayName\":\"Renamed\"}").status())
                .as("existing apps stay usable").isEqualTo(200);
        assertThat(api.get(path, server.operator()).json().at("/account/appCount").asInt()).isEqualTo(3);
    }

    @Test
    void deletingAnAccountDeletesEverythingInIt() {
        AccountFixture account = createAccount("Doomed account", null);
        AccountFixture bystander = createAccount("Bystander", null);
        Response extra = api.post("/admin/accounts/" + account.id() + "/keys", server.operator(),
                "{\"displayName\":\"Extra\"}");
        KeyFixture extraKey = key(extra.json().path("key"));
        String appId = createApp(account.basic(), "Doomed app");
        KeyFixture appKey = createAppKey(account.basic(), appId, "doomed app key");
        String bystanderApp = createApp(bystander.basic(), "Kept");
        Auth accountJwt = account.jwt();
        Auth appJwt = appKey.jwt("app");
        assertThat(api.get("/v2/apps/" + appId, appJwt).status()).isEqualTo(200);

        Response deleted = api.delete("/admin/accounts/" + account.id(), server.operator());
        assertEmptyOk(deleted);

        assertThat(api.get("/admin/accounts/" + account.id(), server.operator()).status()).isEqualTo(404);
        assertThat(api.delete("/admin/accounts/" + account.id(), server.operator()).status()).isEqualTo(404);
        assertThat(api.get("/admin/accounts/" + account.id() + "/keys", server.operator()).status()).isEqualTo(404);
        for (Auth auth : List.of(account.basic(), accountJwt, extraKey.basic(), appKey.basic(), appJwt)) {
            Response response = api.get("/v2/apps/" + appId, auth);
            assertThat(response.status()).as(auth.header() + ": " + response).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("unauthorized");
        }
        assertThat(api.get("/v2/apps/" + appId, bystander.basic()).status()).isEqualTo(404);
        assertThat(api.get("/v2/apps/" + bystanderApp, bystander.basic()).status())
                .as("other accounts are untouched").isEqualTo(200);
        assertThat(idsOf(api.get("/admin/accounts?page[size]=100", server.operator()).json().path("accounts")))
                .doesNotContain(account.id()).contains(bystander.id());
    }

    @Test
    void managesAccountKeys() {
        AccountFixture account = createAccount("Key owner", null);
        AccountFixture other = createAccount("Other owner", null);
        String keys = "/admin/accounts/" + account.id() + "/keys";

        Response created = api.post(keys, server.operator(), "{\"displayName\":\"CI pipeline\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode key = created.json().path("key");
        assertThat(fieldNames(key)).containsExactlyInAnyOrder("id", "displayName", "secret");
        assertThat(key.path("id").asText()).matches(ACCOUNT_KEY_ID);
        assertThat(key.path("displayName").asText()).isEqualTo("CI pipeline");
        assertThat(key.path("secret").asText()).matches(SECRET);
        KeyFixture made = key(key);
        assertThat(api.get("/v2/apps", made.basic()).status()).isEqualTo(200);
        createApp(made.jwt("account"), "Made by new key");
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).as("same account").hasSize(1);

        Response list = api.get(keys, server.operator());
        assertThat(list.status()).isEqualTo(200);
        List<String> listed = idsOf(list.json().path("keys"));
        assertThat(listed).containsExactly(account.keyId(), made.id());
        assertThat(list.json().path("keys").path(1)).isEqualTo(withoutSecret(key));
        assertThat(list.json().at("/meta/hasMore").asBoolean()).isFalse();

        Response one = api.get(keys + "/" + made.id(), server.operator());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("key")).isEqualTo(withoutSecret(key));

        Map<String, Response> notFound = new LinkedHashMap<>();
        notFound.put("key of another account",
                api.get(keys + "/" + other.keyId(), server.operator()));
        notFound.put("delete key of another account",
                api.delete(keys + "/" + other.keyId(), server.operator()));
        notFound.put("unknown key", api.get(keys + "/act_" + MISSING, server.operator()));
        notFound.put("malformed key", api.get(keys + "/nonsense", server.operator()));
        notFound.put("unknown account: create key", api.post("/admin/accounts/" + MISSING + "/keys",
                server.operator(), "{\"displayName\":\"x\"}"));
        notFound.put("unknown account: list keys",
                api.get("/admin/accounts/" + MISSING + "/keys", server.operator()));
        notFound.put("unknown account: get key",
                api.get("/admin/accounts/" + MISSING + "/keys/" + made.id(), server.operator()));
        notFound.put("unknown account: delete key",
                api.delete("/admin/accounts/" + MISSING + "/keys/" + made.id(), server.operator()));
        notFound.put("key of this account under another",
                api.get("/admin/accounts/" + other.id() + "/keys/" + made.id(), server.operator()));
        for (Map.Entry<String, Response> entry : notFound.entrySet()) {
            assertThat(entry.getValue().status()).as(entry.getKey() + ": " + entry.getValue()).isEqualTo(404);
        }
        assertThat(api.get("/v2/apps", other.basic()).status()).as("the other account's key survived").isEqualTo(200);

        String appId = api.get("/v2/apps", account.basic()).at("/apps/0/id");
        KeyFixture appKey = createAppKey(account.basic(), appId, "app key");
        assertThat(api.get(keys + "/" + appKey.id(), server.operator()).status())
                .as("an app key is not an account key").isEqualTo(404);
        assertThat(idsOf(api.get(keys, server.operator()).json().path("keys"))).doesNotContain(appKey.id());

        for (String body : List.of("{}", "{\"displayName\":\"\"}", "{\"displayName\":5}",
                "{\"displayName\":\"ok\",\"extra\":1}")) {
            assertThat(api.post(keys, server.operator(), body).status()).as(body).isEqualTo(400);
        }

        Auth madeJwt = made.jwt("account");
        Response deleted = api.delete(keys + "/" + made.id(), server.operator());
        assertEmptyOk(deleted);
        Response basicAfter = api.get("/v2/apps", made.basic());
        assertThat(basicAfter.status()).as("a deleted key is refused at once").isEqualTo(401);
        assertThat(basicAfter.errorCode()).isEqualTo("unauthorized");
        assertThat(api.get("/v2/apps", madeJwt).status()).isEqualTo(401);
        assertThat(api.get(keys + "/" + made.id(), server.operator()).status()).isEqualTo(404);
        assertThat(api.delete(keys + "/" + made.id(), server.operator()).status()).isEqualTo(404);
        assertThat(idsOf(api.get(keys, server.operator()).json().path("keys"))).containsExactly(account.keyId());
        assertThat(api.get("/v2/apps", account.basic()).status()).as("the first key still works").isEqualTo(200);
    }

    @Test
    void showsAnAccountKeysSecretOnlyInTheAnswerThatCreatesIt() {
        Response account = api.post("/admin/accounts", server.operator(), "{\"displayName\":\"Shown once\"}");
        String keys = "/admin/accounts/" + account.at("/account/id") + "/keys";
        Response second = api.post(keys, server.operator(), "{\"displayName\":\"Second\"}");
        List<String> secrets = List.of(account.at("/key/secret"), second.at("/key/secret"));
        assertThat(secrets).allSatisfy(secret -> assertThat(secret).matches("^[A-Za-z0-9_-]{43,}$"));

        Response list = api.get(keys, server.operator());
        assertThat(list.status()).isEqualTo(200);
        assertThat(idsOf(list.json().path("keys"))).containsExactly(account.at("/key/id"), second.at("/key/id"));
        list.json().path("keys").forEach(key -> assertThat(fieldNames(key)).containsExactly("id", "displayName"));
        for (String keyId : List.of(account.at("/key/id"), second.at("/key/id"))) {
            Response one = api.get(keys + "/" + keyId, server.operator());
            assertThat(one.status()).isEqualTo(200);
            assertThat(fieldNames(one.json().path("key"))).containsExactly("id", "displayName");
            assertThat(one.text()).doesNotContain(secrets);
        }
        assertThat(list.text()).doesNotContain(secrets).doesNotContain("secret");
    }

    @Test
    void theDocumentSaysAccountKeysAreReadWithoutTheirSecret() {
        JsonNode document = yaml(api.get("/openapi.yaml", Auth.NONE).text());
        String keys = "/paths/~1admin~1accounts~1{accountId}~1keys";
        JsonNode listed = resolve(document, answerSchema(document, keys + "/get", "200").at("/properties/keys/items"));
        JsonNode read = resolve(document, answerSchema(document, keys + "~1{keyId}/get", "200").at("/properties/key"));
        for (JsonNode schema : List.of(listed, read)) {
            assertThat(fieldNames(schema.path("properties"))).containsExactlyInAnyOrder("id", "displayName");
            assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        }
        JsonNode created = resolve(document, answerSchema(document, keys + "/post", "201").at("/properties/key"));
        assertThat(created.path("required").toString()).contains("\"secret\"");
    }

    @Test
    void pagesThroughAccountKeys() {
        AccountFixture account = createAccount("Many keys", null);
        String keys = "/admin/accounts/" + account.id() + "/keys";
        List<String> ids = new ArrayList<>(List.of(account.keyId()));
        for (int i = 0; i < 2; i++) {
            Response created = api.post(keys, server.operator(), "{\"displayName\":\"Key " + i + "\"}");
            assertThat(created.status()).isEqualTo(201);
            ids.add(created.at("/key/id"));
        }
        assertThat(ids).isSorted();

        Response first = api.get(keys + "?page[size]=2", server.operator());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(idsOf(first.json().path("keys"))).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(first.json().at("/meta/hasMore").asBoolean()).isTrue();
        String next = first.at("/links/next");
        assertThat(next).as("links.next of the first page").isNotNull().startsWith(api.baseUrl() + keys + "?");

        Response second = api.get(next.substring(api.baseUrl().length()), server.operator());
        assertThat(second.status()).as("following links.next: " + second).isEqualTo(200);
        assertThat(idsOf(second.json().path("keys"))).containsExactly(ids.get(2));
        assertThat(second.json().at("/meta/hasMore").asBoolean()).isFalse();
        String prev = second.at("/links/prev");
        assertThat(prev).as("links.prev of the second page").isNotNull();
        Response back = api.get(prev.substring(api.baseUrl().length()), server.operator());
        assertThat(back.status()).as("following links.prev: " + back).isEqualTo(200);
        assertThat(idsOf(back.json().path("keys"))).containsExactlyElementsOf(ids.subList(0, 2));
    }

    @Test
    void refusesEveryAdminRouteWithoutTheOperatorToken() {
        AccountFixture account = createAccount("Guarded", null);
        String one = "/admin/accounts/" + account.id();
        String keyPath = one + "/keys/" + account.keyId();
        String token = server.operator().header().substring("Bearer ".length());
        List<Auth> wrong = List.of(Auth.NONE, Auth.bearer("wrong-token"), Auth.bearer(token + "x"),
                Auth.bearer(token.substring(1)), Auth.bearer(""), Auth.basic("operator", token), new Auth(token),
                new Auth("Token " + token));

        for (Auth auth : wrong) {
            Map<String, Response> attempts = new LinkedHashMap<>();
            attempts.put("POST accounts", api.post("/admin/accounts", auth, "{\"displayName\":\"Intruder\"}"));
            attempts.put("GET accounts", api.get("/admin/accounts", auth));
            attempts.put("GET account", api.get(one, auth));
            attempts.put("PATCH account", api.patch(one, auth, "{\"displayName\":\"Hijacked\"}"));
            attempts.put("DELETE account", api.delete(one, auth));
            attempts.put("POST keys", api.post(one + "/keys", auth, "{\"displayName\":\"Backdoor\"}"));
            attempts.put("GET keys", api.get(one + "/keys", auth));
            attempts.put("GET key", api.get(keyPath, auth));
            attempts.put("DELETE key", api.delete(keyPath, auth));
            attempts.put("GET unknown account", api.get("/admin/accounts/" + MISSING, auth));
            for (Map.Entry<String, Response> entry : attempts.entrySet()) {
                assertThat(entry.getValue().status()).as(auth.header() + " " + entry.getKey() + ": "
                        + entry.getValue()).isEqualTo(401);
                assertThat(entry.getValue().errorCode()).isEqualTo("unauthorized");
                assertThat(entry.getValue().text()).doesNotContain(account.secret());
            }
        }
        Response read = api.get(one, server.operator());
        assertThat(read.at("/account/displayName")).as("nothing changed").isEqualTo("Guarded");
        assertThat(idsOf(api.get(one + "/keys", server.operator()).json().path("keys")))
                .containsExactly(account.keyId());
        assertThat(api.get("/v2/apps", account.basic()).status()).isEqualTo(200);
    }

    private static JsonNode withoutSecret(JsonNode key) {
        return ((ObjectNode) key.deepCopy()).without("secret");
    }

    private static JsonNode yaml(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The schema of an operation's JSON answer with this status, references followed. */
    private static JsonNode answerSchema(JsonNode document, String operation, String status) {
        JsonNode response = resolve(document, document.at(operation + "/responses/" + status));
        return resolve(document, response.at("/content/application~1json/schema"));
    }

    /** The node a {@code $ref} names within the document, or the node itself when it is no reference. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#") ? resolve(document, document.at(ref.substring(1))) : node;
    }
}
