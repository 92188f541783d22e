package dev.parley.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /v2/serviceaccounts: CRUD, validation, pagination, keys, grants, and what each kind of key may do there and on
 * /v2/apps. The access rows run over Basic and over JWT.
 */
class ServiceAccountsApiTest extends ApiTest {

    // ---------------------------------------------------------------- CRUD and validation

    @Test
    void createsReadsRenamesAndDeletesAServiceAccount() {
        AccountFixture account = createAccount("SA CRUD", null);
        Response created = api.post("/v2/serviceaccounts", account.basic(), "{\"displayName\":\"Deployer\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.at("/serviceAccount/id");
        assertThat(id).matches(HEX_ID);
        assertThat(created.at("/serviceAccount/displayName")).isEqualTo("Deployer");
        assertThat(fieldNames(created.json().path("serviceAccount"))).containsExactlyInAnyOrder("id", "displayName");

        Response read = api.get("/v2/serviceaccounts/" + id, account.jwt());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("serviceAccount")).isEqualTo(created.json().path("serviceAccount"));

        Response listed = api.get("/v2/serviceaccounts", account.basic());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(idsOf(listed.json().path("serviceAccounts"))).containsExactly(id);
        assertThat(listed.json().at("/serviceAccounts/0/displayName").asText()).isEqualTo("Deployer");

        Response renamed = api.patch("/v2/serviceaccounts/" + id, account.basic(), "{\"displayName\":\"Deployer EU\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.at("/serviceAccount/id")).isEqualTo(id);
        assertThat(renamed.at("/serviceAccount/displayName")).isEqualTo("Deployer EU");
        assertThat(api.get("/v2/serviceaccounts/" + id, account.basic()).at("/serviceAccount/displayName"))
                .isEqualTo("Deployer EU");

        Response untouched = api.patch("/v2/serviceaccounts/" + id, account.jwt(), "{}");
        assertThat(untouched.status()).as(untouched.toString()).isEqualTo(200);
        assertThat(untouched.at("/serviceAccount/displayName")).as("an empty patch changes nothing")
                .isEqualTo("Deployer EU");

        Response deleted = api.delete("/v2/serviceaccounts/" + id, account.basic());
        assertEmptyOk(deleted);

        for (Response gone : List.of(
                api.get("/v2/serviceaccounts/" + id, account.basic()),
                api.patch("/v2/serviceaccounts/" + id, account.basic(), "{\"displayName\":\"Back\"}"),
                api.delete("/v2/serviceaccounts/" + id, account.basic()),
                api.get("/v2/serviceaccounts/" + id + "/keys", account.basic()),
                api.get("/v2/serviceaccounts/" + id + "/apps", account.basic()))) {
            assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
            assertThat(gone.errorCode()).as(gone.toString()).isEqualTo("not_found");
        }
        assertThat(api.get("/v2/serviceaccounts", account.basic()).json().path("serviceAccounts")).isEmpty();

        for (String notAnId : List.of("nothex", "ABCDEFABCDEFABCDEFABCDEF", "0123456789abcdef0123456789")) {
            Response unknown = api.get("/v2/serviceaccounts/" + notAnId, account.basic());
            assertThat(unknown.status()).as(notAnId).isEqualTo(404);
        }
    }

    @Test
    void validatesServiceAccountBodiesAndChangesNothingOnA400() {
        AccountFixture account = createAccount("SA validation", null);
        Auth auth = account.basic();
        List<String> invalid = List.of(
                "{}",
                "{\"displayName\":\"\"}",
                "{\"displayName\":\"   \"}",
                "{\"displayName\":\"" + "x".repeat(101) + "\"}",
                "{\"displayName\":null}",
                "{\"displayName\":42}",
                "{\"displayName\":true}",
                "{\"displayName\":[\"a\"]}",
                "{\"displayName\":{\"a\":1}}",
                "{\"displayName\":\"ok\",\"unknown\":1}",
                "{\"displayName\":\"ok\",\"id\":\"0123456789abcdef01234567\"}",
                "{\"name\":\"ok\"}",
                "[]",
                "\"text\"",
                "{\"displayName\":");
        for (String body : invalid) {
            Response response = api.post("/v2/serviceaccounts", auth, body);
            assertThat(response.status()).as("create " + body + " -> " + response).isEqualTo(400);
            assertThat(response.errorCode()).as(body).isEqualTo("bad_request");
        }
        assertThat(api.get("/v2/serviceaccounts", auth).json().path("serviceAccounts"))
                .as("no invalid create made a service account").isEmpty();

        Response hundred = api.post("/v2/serviceaccounts", auth, "{\"displayName\":\"" + "y".repeat(100) + "\"}");
        assertThat(hundred.status()).as("100 characters is allowed").isEqualTo(201);
        Response one = api.post("/v2/serviceaccounts", auth, "{\"displayName\":\"z\"}");
        assertThat(one.status()).as("1 character is allowed").isEqualTo(201);
        String id = one.at("/serviceAccount/id");

        List<String> invalidPatches = List.of(
                "{\"displayName\":\"\"}",
                "{\"displayName\":\"" + "x".repeat(101) + "\"}",
                "{\"displayName\":null}",
                "{\"displayName\":7}",
                "{\"displayName\":\"ok\",\"unknown\":1}",
                "{\"unknown\":1}",
                "[]");
        for (String body : invalidPatches) {
            Response response = api.patch("/v2/serviceaccounts/" + id, auth, body);
            assertThat(response.status()).as("patch " + body + " -> " + response).isEqualTo(400);
            assertThat(response.errorCode()).as(body).isEqualTo("bad_request");
        }
        assertThat(api.get("/v2/serviceaccounts/" + id, auth).at("/serviceAccount/displayName"))
                .as("no invalid patch changed the name").isEqualTo("z");
        assertThat(idsOf(api.get("/v2/serviceaccounts", auth).json().path("serviceAccounts")))
                .containsExactly(hundred.at("/serviceAccount/id"), id);
    }

    @Test
    void listsServiceAccountsOldestFirstWithCursorPagination() {
        AccountFixture account = createAccount("SA paging", null);
        AccountFixture other = createAccount("SA paging other", null);
        createServiceAccount(other.basic(), "Not mine");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(createServiceAccount(account.basic(), "SA " + i));
        }
        assertThat(ids).isSorted();

        Response first = api.get("/v2/serviceaccounts?page[size]=2", account.basic());
        assertThat(first.status()).isEqualTo(200);
        assertThat(idsOf(first.json().path("serviceAccounts"))).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(first.json().at("/meta/hasMore").asBoolean()).isTrue();
        assertThat(first.at("/meta/afterCursor")).isEqualTo(ids.get(1));
        assertThat(first.json().at("/meta/beforeCursor").isMissingNode()).isTrue();
        assertThat(first.json().at("/links/prev").isMissingNode()).isTrue();
        assertThat(first.at("/links/next"))
                .endsWith("/v2/serviceaccounts?page[after]=" + ids.get(1) + "&page[size]=2");

        Response second = api.get("/v2/serviceaccounts?page[after]=" + ids.get(1) + "&page[size]=2", account.jwt());
        assertThat(idsOf(second.json().path("serviceAccounts"))).containsExactlyElementsOf(ids.subList(2, 4));
        assertThat(second.json().at("/meta/hasMore").asBoolean()).isTrue();
        assertThat(second.at("/meta/afterCursor")).isEqualTo(ids.get(3));
        assertThat(second.at("/meta/beforeCursor")).isEqualTo(ids.get(2));
        assertThat(second.at("/links/prev")).contains("page[before]=" + ids.get(2));

        Response last = api.get("/v2/serviceaccounts?page[after]=" + ids.get(3) + "&page[size]=2", account.basic());
        assertThat(idsOf(last.json().path("serviceAccounts"))).containsExactly(ids.get(4));
        assertThat(last.json().at("/meta/hasMore").asBoolean()).isFalse();
        assertThat(last.json().at("/links/next").isMissingNode()).isTrue();
        assertThat(last.json().at("/meta/afterCursor").isMissingNode()).isTrue();

        Response back = api.get("/v2/serviceaccounts?page[before]=" + ids.get(4) + "&page[size]=3", account.basic());
        assertThat(idsOf(back.json().path("serviceAccounts"))).containsExactlyElementsOf(ids.subList(1, 4));
        assertThat(back.json().at("/meta/hasMore").asBoolean()).as("an older record remains").isTrue();
        assertThat(back.at("/meta/beforeCursor")).isEqualTo(ids.get(1));
        assertThat(back.at("/meta/afterCursor")).isEqualTo(ids.get(3));

        Response all = api.get("/v2/serviceaccounts", account.basic());
        assertThat(idsOf(all.json().path("serviceAccounts"))).as("only this account's, oldest first")
                .containsExactlyElementsOf(ids);
        assertThat(all.json().at("/meta/hasMore").asBoolean()).isFalse();

        for (String query : List.of("page[size]=0", "page[size]=101", "page[size]=x", "page[after]=nothex",
                "page[after]=" + ids.get(0) + "&page[before]=" + ids.get(1))) {
            Response bad = api.get("/v2/serviceaccounts?" + query, account.basic());
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.errorCode()).as(query).isEqualTo("bad_request");
        }
    }

    // ---------------------------------------------------------------- keys

    @Test
    void createsListsReadsAndDeletesServiceAccountKeys() {
        AccountFixture account = createAccount("SA keys", null);
        String sa = createServiceAccount(account.basic(), "Keys");
        String otherSa = createServiceAccount(account.basic(), "Other");

        Response created = api.post("/v2/serviceaccounts/" + sa + "/keys", account.basic(), "{\"displayName\":\"ci\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String keyId = created.at("/key/id");
        String secret = created.at("/key/secret");
        assertThat(keyId).matches(SERVICE_ACCOUNT_KEY_ID);
        assertThat(created.at("/key/displayName")).isEqualTo("ci");
        assertThat(secret).isNotBlank();
        KeyFixture key = key(created.json().path("key"));

        Response listed = api.get("/v2/serviceaccounts/" + sa + "/keys", account.jwt());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(idsOf(listed.json().path("keys"))).containsExactly(keyId);
        assertThat(api.get("/v2/serviceaccounts/" + otherSa + "/keys", account.basic()).json().path("keys"))
                .as("keys belong to one service account").isEmpty();

        Response read = api.get("/v2/serviceaccounts/" + sa + "/keys/" + keyId, account.basic());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.at("/key/id")).isEqualTo(keyId);
        assertThat(read.at("/key/displayName")).isEqualTo("ci");
        assertThat(read.at("/key/secret")).isEqualTo(secret);

        assertThat(api.get("/v2/serviceaccounts/" + otherSa + "/keys/" + keyId, account.basic()).status())
                .as("a key read through another service account").isEqualTo(404);
        assertThat(api.delete("/v2/serviceaccounts/" + otherSa + "/keys/" + keyId, account.basic()).status())
                .as("a key deleted through another service account").isEqualTo(404);
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/keys/svc_0123456789abcdef01234567", account.basic())
                .status()).isEqualTo(404);
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/keys/" + account.keyId(), account.basic()).status())
                .as("an account key is not a key of the service account").isEqualTo(404);

        for (String body : List.of("{}", "{\"displayName\":\"\"}", "{\"displayName\":5}",
                "{\"displayName\":\"k\",\"secret\":\"mine\"}")) {
            Response bad = api.post("/v2/serviceaccounts/" + sa + "/keys", account.basic(), body);
            assertThat(bad.status()).as(body + " -> " + bad).isEqualTo(400);
        }
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/keys", account.basic()).json().path("keys")).hasSize(1);

        assertThat(api.get("/v2/apps", key.basic()).status()).as("the key works over Basic").isEqualTo(200);
        assertThat(api.get("/v2/apps", key.jwt("account")).status()).as("the key works over JWT").isEqualTo(200);

        Response deleted = api.delete("/v2/serviceaccounts/" + sa + "/keys/" + keyId, account.basic());
        assertEmptyOk(deleted);
        Response refused = api.get("/v2/apps", key.basic());
        assertThat(refused.status()).as("a deleted key is refused at once").isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("unauthorized");
        assertThat(api.get("/v2/apps", key.jwt("account")).status()).isEqualTo(401);
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/keys/" + keyId, account.basic()).status()).isEqualTo(404);
        assertThat(api.delete("/v2/serviceaccounts/" + sa + "/keys/" + keyId, account.basic()).status()).isEqualTo(404);
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/keys", account.basic()).json().path("keys")).isEmpty();
    }

    @Test
    void holdsAServiceAccountToTenKeys() {
        AccountFixture account = createAccount("SA ten keys", null);
        String sa = createServiceAccount(account.basic(), "Keys limit");
        List<KeyFixture> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(createServiceAccountKey(account.basic(), sa, "key " + i));
        }
        Response eleventh = api.post("/v2/serviceaccounts/" + sa + "/keys", account.basic(), "{\"displayName\":\"11\"}");
        assertThat(eleventh.status()).as(eleventh.toString()).isEqualTo(400);
        assertThat(eleventh.errorCode()).isEqualTo("bad_request");
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/keys", account.basic()).json().path("keys")).hasSize(10);

        String otherSa = createServiceAccount(account.basic(), "Unaffected");
        assertThat(api.post("/v2/serviceaccounts/" + otherSa + "/keys", account.basic(), "{\"displayName\":\"k\"}")
                .status()).as("the limit is per service account").isEqualTo(201);

        assertThat(api.delete("/v2/serviceaccounts/" + sa + "/keys/" + keys.get(3).id(), account.basic()).status())
                .isEqualTo(200);
        assertThat(api.post("/v2/serviceaccounts/" + sa + "/keys", account.basic(), "{\"displayName\":\"again\"}")
                .status()).as("deleting a key frees its slot").isEqualTo(201);
        assertThat(api.post("/v2/serviceaccounts/" + sa + "/keys", account.basic(), "{\"displayName\":\"12\"}")
                .status()).isEqualTo(400);
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/keys", account.basic()).json().path("keys")).hasSize(10);
    }

    @Test
    void authenticatesAServiceAccountKeyOverBasicAndJwtOnly() {
        AccountFixture account = createAccount("SA auth", null);
        String sa = createServiceAccount(account.basic(), "Auth");
        KeyFixture key = createServiceAccountKey(account.basic(), sa, "k");

        assertThat(api.get("/v2/apps", key.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps", key.jwt("account")).status()).isEqualTo(200);
        for (Auth wrong : List.of(
                key.jwt("app"),
                key.jwt("serviceaccount"),
                Auth.basic(key.id(), key.secret() + "x"),
                Auth.basic(key.id(), ""),
                Auth.jwt(key.id(), account.secret(), "account"),
                Auth.jwt(account.keyId(), key.secret(), "account"))) {
            Response refused = api.get("/v2/apps", wrong);
            assertThat(refused.status()).as(wrong.header()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("unauthorized");
        }
    }

    // ---------------------------------------------------------------- grants

    @Test
    void grantsRevokesAndListsTheAppsOfAServiceAccount() {
        AccountFixture account = createAccount("SA grants", null);
        AccountFixture stranger = createAccount("SA grants stranger", null);
        String sa = createServiceAccount(account.basic(), "Granted");
        KeyFixture key = createServiceAccountKey(account.basic(), sa, "k");
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            apps.add(createApp(account.basic(), "App " + i));
        }
        String strangersApp = createApp(stranger.basic(), "Stranger's");
        String strangersSa = createServiceAccount(stranger.basic(), "Stranger's SA");

        Response empty = api.get("/v2/serviceaccounts/" + sa + "/apps", account.basic());
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().path("apps")).isEmpty();
        assertThat(empty.json().at("/meta/hasMore").asBoolean()).isFalse();

        Response granted = api.put("/v2/serviceaccounts/" + sa + "/apps/" + apps.get(1), account.basic());
        assertEmptyOk(granted);
        Response again = api.put("/v2/serviceaccounts/" + sa + "/apps/" + apps.get(1), account.jwt());
        assertThat(again.status()).as("granting twice is fine: " + again).isEqualTo(200);
        assertThat(idsOf(api.get("/v2/serviceaccounts/" + sa + "/apps", account.basic()).json().path("apps")))
                .containsExactly(apps.get(1));
        assertThat(api.get("/v2/apps/" + apps.get(1), key.basic()).status()).as("the grant lets it in").isEqualTo(200);
        assertThat(api.get("/v2/apps/" + apps.get(0), key.basic()).status()).as("no grant, no app").isEqualTo(404);

        for (String app : List.of(apps.get(3), apps.get(0), apps.get(2))) {
            assertThat(api.put("/v2/serviceaccounts/" + sa + "/apps/" + app, account.basic()).status()).isEqualTo(200);
        }
        Response page = api.get("/v2/serviceaccounts/" + sa + "/apps?page[size]=3", account.basic());
        assertThat(page.status()).isEqualTo(200);
        assertThat(idsOf(page.json().path("apps"))).as("oldest app first, not grant order")
                .containsExactlyElementsOf(apps.subList(0, 3));
        assertThat(page.json().path("apps").get(0).path("displayName").asText()).isEqualTo("App 0");
        assertThat(page.json().at("/meta/hasMore").asBoolean()).isTrue();
        assertThat(page.at("/meta/afterCursor")).isEqualTo(apps.get(2));
        assertThat(page.at("/links/next"))
                .endsWith("/v2/serviceaccounts/" + sa + "/apps?page[after]=" + apps.get(2) + "&page[size]=3");
        Response rest = api.get("/v2/serviceaccounts/" + sa + "/apps?page[after]=" + apps.get(2) + "&page[size]=3",
                account.basic());
        assertThat(idsOf(rest.json().path("apps"))).containsExactly(apps.get(3));
        assertThat(rest.json().at("/meta/hasMore").asBoolean()).isFalse();
        assertThat(rest.at("/links/prev")).contains("page[before]=" + apps.get(3));
        Response before = api.get("/v2/serviceaccounts/" + sa + "/apps?page[before]=" + apps.get(3) + "&page[size]=2",
                account.basic());
        assertThat(idsOf(before.json().path("apps"))).containsExactlyElementsOf(apps.subList(1, 3));
        assertThat(before.json().at("/meta/hasMore").asBoolean()).isTrue();
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/apps?page[size]=0", account.basic()).status())
                .isEqualTo(400);

        Response revoked = api.delete("/v2/serviceaccounts/" + sa + "/apps/" + apps.get(1), account.basic());
        assertEmptyOk(revoked);
        assertThat(api.get("/v2/apps/" + apps.get(1), key.basic()).status()).as("revoked at once").isEqualTo(404);
        Response revokedAgain = api.delete("/v2/serviceaccounts/" + sa + "/apps/" + apps.get(1), account.basic());
        assertThat(revokedAgain.status()).as("revoking a grant that does not exist").isEqualTo(404);
        assertThat(idsOf(api.get("/v2/serviceaccounts/" + sa + "/apps", account.basic()).json().path("apps")))
                .containsExactly(apps.get(0), apps.get(2), apps.get(3));
        assertThat(api.get("/v2/apps/" + apps.get(1), account.basic()).status())
                .as("revoking leaves the app with the account").isEqualTo(200);

        // Apps and service accounts of other accounts, and things that do not exist, are all 404.
        for (Response response : List.of(
                api.put("/v2/serviceaccounts/" + sa + "/apps/" + strangersApp, account.basic()),
                api.delete("/v2/serviceaccounts/" + sa + "/apps/" + strangersApp, account.basic()),
                api.put("/v2/serviceaccounts/" + sa + "/apps/0123456789abcdef01234567", account.basic()),
                api.put("/v2/serviceaccounts/" + sa + "/apps/nothex", account.basic()),
                api.put("/v2/serviceaccounts/" + strangersSa + "/apps/" + apps.get(0), account.basic()),
                api.delete("/v2/serviceaccounts/" + strangersSa + "/apps/" + apps.get(0), account.basic()),
                api.get("/v2/serviceaccounts/" + strangersSa + "/apps", account.basic()),
                api.put("/v2/serviceaccounts/0123456789abcdef01234567/apps/" + apps.get(0), account.basic()))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
        }
        Response appOfStranger = api.put("/v2/serviceaccounts/" + sa + "/apps/" + strangersApp, account.basic());
        assertThat(appOfStranger.errorCode()).isEqualTo("app_not_found");
        assertThat(idsOf(api.get("/v2/serviceaccounts/" + sa + "/apps", account.basic()).json().path("apps")))
                .as("the refused grants changed nothing").containsExactly(apps.get(0), apps.get(2), apps.get(3));
        assertThat(api.get("/v2/serviceaccounts/" + strangersSa + "/apps", stranger.basic()).json().path("apps"))
                .isEmpty();
    }

    @Test
    void deletingAnAppRemovesItFromEveryGrant() {
        AccountFixture account = createAccount("SA app deletion", null);
        String first = createServiceAccount(account.basic(), "First");
        String second = createServiceAccount(account.basic(), "Second");
        KeyFixture firstKey = createServiceAccountKey(account.basic(), first, "k");
        String shared = createApp(firstKey.basic(), "Shared");
        String kept = createApp(account.basic(), "Kept");
        for (String sa : List.of(first, second)) {
            assertThat(api.put("/v2/serviceaccounts/" + sa + "/apps/" + kept, account.basic()).status()).isEqualTo(200);
        }
        assertThat(api.put("/v2/serviceaccounts/" + second + "/apps/" + shared, account.basic()).status())
                .isEqualTo(200);
        assertThat(idsOf(api.get("/v2/serviceaccounts/" + second + "/apps", account.basic()).json().path("apps")))
                .containsExactly(shared, kept);

        assertThat(api.delete("/v2/apps/" + shared, account.basic()).status()).isEqualTo(200);
        for (String sa : List.of(first, second)) {
            Response listed = api.get("/v2/serviceaccounts/" + sa + "/apps", account.basic());
            assertThat(idsOf(listed.json().path("apps"))).as("grants of " + sa).containsExactly(kept);
        }
        assertThat(idsOf(api.get("/v2/apps", firstKey.basic()).json().path("apps"))).containsExactly(kept);
        assertThat(api.delete("/v2/serviceaccounts/" + second + "/apps/" + shared, account.basic()).status())
                .isEqualTo(404);
    }

    @Test
    void deletingAServiceAccountDeletesItsKeysAndGrantsButNotItsApps() throws Exception {
        AccountFixture account = createAccount("SA deletion", null);
        String sa = createServiceAccount(account.basic(), "Doomed");
        KeyFixture first = createServiceAccountKey(account.basic(), sa, "one");
        KeyFixture second = createServiceAccountKey(account.basic(), sa, "two");
        String created = createApp(first.basic(), "Made by the SA");
        String granted = createApp(account.basic(), "Granted to the SA");
        assertThat(api.put("/v2/serviceaccounts/" + sa + "/apps/" + granted, account.basic()).status()).isEqualTo(200);
        KeyFixture appKey = createAppKey(first.basic(), created, "app key minted by the SA");
        assertThat(api.get("/v2/apps", second.jwt("account")).status()).isEqualTo(200);

        assertThat(api.delete("/v2/serviceaccounts/" + sa, account.basic()).status()).isEqualTo(200);

        for (Auth gone : List.of(first.basic(), first.jwt("account"), second.basic(), second.jwt("account"))) {
            Response refused = api.get("/v2/apps", gone);
            assertThat(refused.status()).as("the service account's keys are refused at once").isEqualTo(401);
        }
        assertThat(api.post("/v2/apps", first.basic(), "{\"displayName\":\"After\"}").status()).isEqualTo(401);
        assertThat(grantRows(sa)).as("the service account's grants are gone").isZero();

        assertThat(idsOf(api.get("/v2/apps", account.basic()).json().path("apps"))).containsExactly(created, granted);
        Response stillThere = api.get("/v2/apps/" + created, account.basic());
        assertThat(stillThere.status()).as("its apps stay with the account").isEqualTo(200);
        assertThat(stillThere.at("/app/displayName")).isEqualTo("Made by the SA");
        assertThat(api.get("/v2/apps/" + granted, account.jwt()).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + created, appKey.basic()).status())
                .as("keys of its apps belong to the apps").isEqualTo(200);
        Response filter = api.get("/v2/apps?filter[serviceAccountId]=" + sa, account.basic());
        assertThat(filter.status()).as("a deleted service account is unknown: " + filter).isEqualTo(404);
    }

    // ---------------------------------------------------------------- what a service-account key may do

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"basic", "jwt"})
    void aServiceAccountKeyCreatesAppsAndIsGrantedThemWithinThePlan(String how) {
        AccountFixture account = createAccount("SA creates " + how, 3);
        String sa = createServiceAccount(account.basic(), "Creator");
        Auth svc = as(createServiceAccountKey(account.basic(), sa, "k"), how);
        String byAccount = createApp(account.basic(), "By the account");

        Response created = api.post("/v2/apps", svc, "{\"displayName\":\"By the SA\",\"metadata\":{\"team\":\"ops\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String app = created.at("/app/id");
        assertThat(app).matches(HEX_ID);
        assertThat(created.at("/app/displayName")).isEqualTo("By the SA");
        assertThat(idsOf(api.get("/v2/serviceaccounts/" + sa + "/apps", account.basic()).json().path("apps")))
                .as("granted at once").containsExactly(app);
        assertThat(api.get("/v2/apps/" + app, svc).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + app, account.basic()).status()).as("the app is the account's").isEqualTo(200);
        assertThat(idsOf(api.get("/v2/apps", account.basic()).json().path("apps"))).containsExactly(byAccount, app);

        String third = createApp(svc, "Third");
        Response over = api.post("/v2/apps", svc, "{\"displayName\":\"Fourth\"}");
        assertThat(over.status()).as("the account's maxApps holds for its service accounts: " + over).isEqualTo(402);
        assertThat(over.errorCode()).isEqualTo("payment_required");
        assertThat(idsOf(api.get("/v2/apps", svc).json().path("apps"))).containsExactly(app, third);
        assertThat(api.get("/admin/accounts/" + account.id(), server.operator()).json().at("/account/appCount").asInt())
                .isEqualTo(3);
        assertThat(api.post("/v2/apps", svc, "{}").status()).as("app bodies are validated as ever").isEqualTo(400);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"basic", "jwt"})
    void aServiceAccountKeyListsOnlyTheAppsItReaches(String how) {
        AccountFixture account = createAccount("SA lists " + how, null);
        AccountFixture stranger = createAccount("SA lists stranger " + how, null);
        String sa = createServiceAccount(account.basic(), "Lister");
        String sibling = createServiceAccount(account.basic(), "Sibling");
        String strangersSa = createServiceAccount(stranger.basic(), "Stranger's");
        Auth svc = as(createServiceAccountKey(account.basic(), sa, "k"), how);
        String notReached = createApp(account.basic(), "Not reached");
        String own = createApp(svc, "Own");
        String viaGrant = createApp(account.basic(), "Granted");
        assertThat(api.put("/v2/serviceaccounts/" + sa + "/apps/" + viaGrant, account.basic()).status()).isEqualTo(200);
        String siblings = createApp(account.basic(), "Sibling's");
        assertThat(api.put("/v2/serviceaccounts/" + sibling + "/apps/" + siblings, account.basic()).status())
                .isEqualTo(200);
        createApp(stranger.basic(), "Stranger's app");

        Response listed = api.get("/v2/apps", svc);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(idsOf(listed.json().path("apps"))).containsExactly(own, viaGrant);
        assertThat(idsOf(api.get("/v2/apps?page[size]=1", svc).json().path("apps"))).containsExactly(own);
        Response next = api.get("/v2/apps?page[after]=" + own + "&page[size]=1", svc);
        assertThat(idsOf(next.json().path("apps"))).containsExactly(viaGrant);
        assertThat(next.json().at("/meta/hasMore").asBoolean()).as("the unreached apps are not 'more'").isFalse();

        Response filtered = api.get("/v2/apps?filter[serviceAccountId]=" + sa, svc);
        assertThat(filtered.status()).as(filtered.toString()).isEqualTo(200);
        assertThat(idsOf(filtered.json().path("apps"))).containsExactly(own, viaGrant);

        for (String otherId : List.of(sibling, strangersSa, "0123456789abcdef01234567", "nothex")) {
            Response forbidden = api.get("/v2/apps?filter[serviceAccountId]=" + otherId, svc);
            assertThat(forbidden.status()).as("filter by " + otherId + ": " + forbidden).isEqualTo(403);
            assertThat(forbidden.errorCode()).isEqualTo("forbidden");
        }
        assertThat(notReached).isNotIn(own, viaGrant);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"basic", "jwt"})
    void aServiceAccountKeyManagesOnlyTheAppsItReaches(String how) {
        AccountFixture account = createAccount("SA manages " + how, null);
        AccountFixture stranger = createAccount("SA manages stranger " + how, null);
        String sa = createServiceAccount(account.basic(), "Manager");
        Auth svc = as(createServiceAccountKey(account.basic(), sa, "k"), how);
        String own = createApp(svc, "Own");
        String viaGrant = createApp(account.basic(), "Granted");
        assertThat(api.put("/v2/serviceaccounts/" + sa + "/apps/" + viaGrant, account.basic()).status()).isEqualTo(200);

        for (String app : List.of(own, viaGrant)) {
            assertThat(api.get("/v2/apps/" + app, svc).status()).isEqualTo(200);
            Response renamed = api.patch("/v2/apps/" + app, svc, "{\"displayName\":\"Renamed by SA\"}");
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
            assertThat(api.get("/v2/apps/" + app, account.basic()).at("/app/displayName")).isEqualTo("Renamed by SA");

            Response minted = api.post("/v2/apps/" + app + "/keys", svc, "{\"displayName\":\"app key\"}");
            assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
            String appKeyId = minted.at("/key/id");
            assertThat(appKeyId).startsWith("app_");
            assertThat(idsOf(api.get("/v2/apps/" + app + "/keys", svc).json().path("keys"))).containsExactly(appKeyId);
            assertThat(api.get("/v2/apps/" + app + "/keys/" + appKeyId, svc).at("/key/id")).isEqualTo(appKeyId);
            assertThat(api.get("/v2/apps/" + app, key(minted.json().path("key")).basic()).status())
                    .as("the minted app key works").isEqualTo(200);
            assertThat(api.delete("/v2/apps/" + app + "/keys/" + appKeyId, svc).status()).isEqualTo(200);
            assertThat(api.get("/v2/apps/" + app + "/keys", svc).json().path("keys")).isEmpty();
        }

        String sameAccount = createApp(account.basic(), "Not reached");
        KeyFixture sameAccountKey = createAppKey(account.basic(), sameAccount, "k");
        String otherAccount = createApp(stranger.basic(), "Stranger's");
        KeyFixture otherAccountKey = createAppKey(stranger.basic(), otherAccount, "k");
        for (String app : List.of(sameAccount, otherAccount)) {
            String keyId = app.equals(sameAccount) ? sameAccountKey.id() : otherAccountKey.id();
            for (Response response : List.of(
                    api.get("/v2/apps/" + app, svc),
                    api.patch("/v2/apps/" + app, svc, "{\"displayName\":\"Hijacked\"}"),
                    api.delete("/v2/apps/" + app, svc),
                    api.get("/v2/apps/" + app + "/keys", svc),
                    api.post("/v2/apps/" + app + "/keys", svc, "{\"displayName\":\"x\"}"),
                    api.get("/v2/apps/" + app + "/keys/" + keyId, svc),
                    api.delete("/v2/apps/" + app + "/keys/" + keyId, svc))) {
                assertThat(response.status()).as(app + ": " + response).isEqualTo(404);
                assertThat(response.errorCode()).as(app + ": " + response).isEqualTo("app_not_found");
            }
        }
        assertThat(api.get("/v2/apps/" + sameAccount, account.basic()).at("/app/displayName")).isEqualTo("Not reached");
        assertThat(api.get("/v2/apps/" + otherAccount, stranger.basic()).at("/app/displayName")).isEqualTo("Stranger's");
        assertThat(api.get("/v2/apps/" + sameAccount + "/keys", account.basic()).json().path("keys")).hasSize(1);
        assertThat(api.get("/v2/apps/" + otherAccount + "/keys", stranger.basic()).json().path("keys")).hasSize(1);
        assertThat(api.get("/v2/apps/" + sameAccount, sameAccountKey.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/0123456789abcdef01234567", svc).errorCode()).isEqualTo("app_not_found");

        assertThat(api.delete("/v2/apps/" + own, svc).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + own, account.basic()).status()).as("deleted by the SA").isEqualTo(404);
        assertThat(api.delete("/v2/apps/" + viaGrant, svc).status()).as("a granted app may be deleted").isEqualTo(200);
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).hasSize(1);
        assertThat(api.get("/admin/accounts/" + account.id(), server.operator()).json().at("/account/appCount").asInt())
                .as("deletes by the SA free the account's slots").isEqualTo(1);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"basic", "jwt"})
    void aServiceAccountKeyMayDoNothingUnderServiceAccounts(String how) {
        AccountFixture account = createAccount("SA forbidden " + how, null);
        String sa = createServiceAccount(account.basic(), "Self");
        String sibling = createServiceAccount(account.basic(), "Sibling");
        KeyFixture ownKey = createServiceAccountKey(account.basic(), sa, "own");
        KeyFixture siblingKey = createServiceAccountKey(account.basic(), sibling, "sibling's");
        Auth svc = as(ownKey, how);
        String own = createApp(svc, "Own");
        String other = createApp(account.basic(), "Other");

        for (String target : List.of(sa, sibling)) {
            String keyId = target.equals(sa) ? ownKey.id() : siblingKey.id();
            assertAllForbidden(everythingUnderOneServiceAccount(svc, target, keyId, own, other));
        }
        assertAllForbidden(List.of(
                api.get("/v2/serviceaccounts", svc),
                api.post("/v2/serviceaccounts", svc, "{\"displayName\":\"Spawn\"}")));

        assertThat(idsOf(api.get("/v2/serviceaccounts", account.basic()).json().path("serviceAccounts")))
                .as("nothing was created or deleted").containsExactly(sa, sibling);
        assertThat(api.get("/v2/serviceaccounts/" + sa, account.basic()).at("/serviceAccount/displayName"))
                .isEqualTo("Self");
        assertThat(idsOf(api.get("/v2/serviceaccounts/" + sa + "/keys", account.basic()).json().path("keys")))
                .containsExactly(ownKey.id());
        assertThat(idsOf(api.get("/v2/serviceaccounts/" + sa + "/apps", account.basic()).json().path("apps")))
                .as("grants unchanged").containsExactly(own);
        assertThat(api.get("/v2/serviceaccounts/" + sibling + "/apps", account.basic()).json().path("apps")).isEmpty();
        assertThat(api.get("/v2/apps", siblingKey.basic()).status()).as("the sibling's key survived").isEqualTo(200);
        assertThat(api.get("/v2/apps", svc).status()).as("its own key survived").isEqualTo(200);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"basic", "jwt"})
    void anAppKeyMayDoNothingUnderServiceAccounts(String how) {
        AccountFixture account = createAccount("App key forbidden " + how, null);
        String sa = createServiceAccount(account.basic(), "SA");
        KeyFixture svcKey = createServiceAccountKey(account.basic(), sa, "k");
        String app = createApp(account.basic(), "App");
        KeyFixture appKey = createAppKey(account.basic(), app, "k");
        Auth auth = "basic".equals(how) ? appKey.basic() : appKey.jwt("app");
        assertThat(api.get("/v2/apps/" + app, auth).status()).as("the app key itself works").isEqualTo(200);

        assertAllForbidden(everythingUnderOneServiceAccount(auth, sa, svcKey.id(), app, app));
        assertAllForbidden(List.of(
                api.get("/v2/serviceaccounts", auth),
                api.post("/v2/serviceaccounts", auth, "{\"displayName\":\"Spawn\"}")));
        assertThat(idsOf(api.get("/v2/serviceaccounts", account.basic()).json().path("serviceAccounts")))
                .containsExactly(sa);
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/apps", account.basic()).json().path("apps")).isEmpty();
        assertThat(api.get("/v2/apps", svcKey.basic()).status()).isEqualTo(200);
    }

    /**
     * "Nothing under /v2/serviceaccounts" includes requests whose bodies are invalid: a key that may not use these
     * routes is refused before its body is looked at, so it cannot probe the validation rules.
     */
    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"basic", "jwt"})
    void keysThatMayNotUseServiceAccountsAreRefusedWhateverTheBody(String how) {
        AccountFixture account = createAccount("Refused before validation " + how, null);
        String sa = createServiceAccount(account.basic(), "SA");
        KeyFixture svcKey = createServiceAccountKey(account.basic(), sa, "k");
        String app = createApp(account.basic(), "App");
        KeyFixture appKey = createAppKey(account.basic(), app, "k");
        for (Auth auth : List.of(as(svcKey, how), "basic".equals(how) ? appKey.basic() : appKey.jwt("app"))) {
            assertAllForbidden(List.of(
                    api.post("/v2/serviceaccounts", auth, "{}"),
                    api.post("/v2/serviceaccounts", auth, "{\"displayName\":\"ok\",\"unknown\":1}"),
                    api.patch("/v2/serviceaccounts/" + sa, auth, "{\"displayName\":\"\"}"),
                    api.patch("/v2/serviceaccounts/" + sa, auth, "{\"unknown\":1}"),
                    api.post("/v2/serviceaccounts/" + sa + "/keys", auth, "{}")));
        }
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/keys", account.basic()).json().path("keys")).hasSize(1);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"basic", "jwt"})
    void anAccountKeyManagesEveryServiceAccountOfItsAccount(String how) {
        AccountFixture account = createAccount("Account key " + how, null);
        AccountFixture stranger = createAccount("Account key stranger " + how, null);
        Auth act = "basic".equals(how) ? account.basic() : account.jwt();
        String strangersSa = createServiceAccount(stranger.basic(), "Stranger's");
        KeyFixture strangersKey = createServiceAccountKey(stranger.basic(), strangersSa, "k");

        String first = createServiceAccount(act, "First");
        String second = createServiceAccount(act, "Second");
        assertThat(idsOf(api.get("/v2/serviceaccounts", act).json().path("serviceAccounts")))
                .containsExactly(first, second);
        assertThat(api.patch("/v2/serviceaccounts/" + second, act, "{\"displayName\":\"Second!\"}")
                .at("/serviceAccount/displayName")).isEqualTo("Second!");
        KeyFixture firstKey = createServiceAccountKey(act, first, "k1");
        KeyFixture secondKey = createServiceAccountKey(act, second, "k2");
        assertThat(api.get("/v2/serviceaccounts/" + first + "/keys/" + firstKey.id(), act).status()).isEqualTo(200);

        String a = createApp(firstKey.basic(), "A by first");
        String b = createApp(secondKey.basic(), "B by second");
        String c = createApp(act, "C by account");
        assertThat(api.put("/v2/serviceaccounts/" + second + "/apps/" + c, act).status()).isEqualTo(200);
        assertThat(api.put("/v2/serviceaccounts/" + first + "/apps/" + b, act).status()).isEqualTo(200);
        assertThat(api.delete("/v2/serviceaccounts/" + first + "/apps/" + b, act).status()).isEqualTo(200);

        assertThat(idsOf(api.get("/v2/apps", act).json().path("apps"))).containsExactly(a, b, c);
        Response ofFirst = api.get("/v2/apps?filter[serviceAccountId]=" + first, act);
        assertThat(ofFirst.status()).isEqualTo(200);
        assertThat(idsOf(ofFirst.json().path("apps"))).containsExactly(a);
        assertThat(idsOf(api.get("/v2/apps?filter[serviceAccountId]=" + second, act).json().path("apps")))
                .containsExactly(b, c);
        Response paged = api.get("/v2/apps?filter[serviceAccountId]=" + second + "&page[size]=1", act);
        assertThat(idsOf(paged.json().path("apps"))).containsExactly(b);
        assertThat(paged.json().at("/meta/hasMore").asBoolean()).isTrue();
        assertThat(paged.at("/links/next")).as("the filter is kept in links")
                .contains("filter[serviceAccountId]=" + second).contains("page[after]=" + b);
        assertThat(idsOf(api.get("/v2/apps?filter[serviceAccountId]=" + second + "&page[after]=" + b, act)
                .json().path("apps"))).containsExactly(c);

        for (String unknown : List.of(strangersSa, "0123456789abcdef01234567", "nothex")) {
            Response notFound = api.get("/v2/apps?filter[serviceAccountId]=" + unknown, act);
            assertThat(notFound.status()).as("filter by " + unknown + ": " + notFound).isEqualTo(404);
        }
        for (Response response : List.of(
                api.get("/v2/serviceaccounts/" + strangersSa, act),
                api.patch("/v2/serviceaccounts/" + strangersSa, act, "{\"displayName\":\"Mine now\"}"),
                api.delete("/v2/serviceaccounts/" + strangersSa, act),
                api.get("/v2/serviceaccounts/" + strangersSa + "/keys", act),
                api.post("/v2/serviceaccounts/" + strangersSa + "/keys", act, "{\"displayName\":\"x\"}"),
                api.get("/v2/serviceaccounts/" + strangersSa + "/keys/" + strangersKey.id(), act),
                api.delete("/v2/serviceaccounts/" + strangersSa + "/keys/" + strangersKey.id(), act),
                api.get("/v2/serviceaccounts/" + strangersSa + "/apps", act),
                api.put("/v2/serviceaccounts/" + strangersSa + "/apps/" + a, act),
                api.delete("/v2/serviceaccounts/" + strangersSa + "/apps/" + a, act))) {
            assertThat(response.status()).as("a service account of another account: " + response).isEqualTo(404);
            assertThat(response.errorCode()).as(response.toString()).isEqualTo("not_found");
        }
        assertThat(api.get("/v2/apps", strangersKey.basic()).status()).as("the stranger's key survived").isEqualTo(200);
        assertThat(api.get("/v2/serviceaccounts/" + strangersSa, stranger.basic()).at("/serviceAccount/displayName"))
                .isEqualTo("Stranger's");

        assertThat(api.delete("/v2/serviceaccounts/" + firstKey.id().substring(4), act).status())
                .as("a key's hex is not a service account id").isEqualTo(404);
        assertThat(api.delete("/v2/serviceaccounts/" + second + "/keys/" + secondKey.id(), act).status())
                .isEqualTo(200);
        assertThat(api.get("/v2/apps", secondKey.basic()).status()).isEqualTo(401);
        assertThat(api.delete("/v2/serviceaccounts/" + first, act).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps", firstKey.basic()).status()).isEqualTo(401);
        assertThat(idsOf(api.get("/v2/serviceaccounts", act).json().path("serviceAccounts"))).containsExactly(second);
    }

    // ---------------------------------------------------------------- helpers

    /** Every route under /v2/serviceaccounts/{id}, sent with these credentials. */
    private static List<Response> everythingUnderOneServiceAccount(Auth auth, String sa, String keyId, String grantedApp,
                                                                   String otherApp) {
        String one = "/v2/serviceaccounts/" + sa;
        return List.of(
                api.get(one, auth),
                api.patch(one, auth, "{\"displayName\":\"Renamed\"}"),
                api.get(one + "/keys", auth),
                api.post(one + "/keys", auth, "{\"displayName\":\"More\"}"),
                api.get(one + "/keys/" + keyId, auth),
                api.delete(one + "/keys/" + keyId, auth),
                api.get(one + "/apps", auth),
                api.put(one + "/apps/" + otherApp, auth),
                api.delete(one + "/apps/" + grantedApp, auth),
                api.delete(one, auth));
    }

    private static void assertAllForbidden(List<Response> responses) {
        for (Response response : responses) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.errorCode()).as(response.toString()).isEqualTo("forbidden");
        }
    }

    private static Auth as(KeyFixture serviceAccountKey, String how) {
        return "basic".equals(how) ? serviceAccountKey.basic() : serviceAccountKey.jwt("account");
    }

    /** Rows of service_account_apps left for a service account, read from the server's database. */
    private static int grantRows(String serviceAccountId) throws Exception {
        try (Connection connection = server.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COUNT(*) FROM service_account_apps WHERE service_account_id = ?")) {
            query.setString(1, serviceAccountId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

}
