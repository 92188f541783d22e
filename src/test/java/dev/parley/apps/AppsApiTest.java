package dev.parley.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppsApiTest extends ApiTest {

    @Test
    void createsReadsUpdatesAndDeletesAnApp() {
        AccountFixture account = createAccount("Apps CRUD", null);
        Response created = api.post("/v2/apps", account.basic(),
                "{\"displayName\":\"Help desk\",\"settings\":{\"conversationRetentionSeconds\":3600,"
                        + "\"useAnimalNames\":true},\"metadata\":{\"tier\":\"gold\",\"seats\":5,\"trial\":false}}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.at("/app/id");
        assertThat(id).matches(HEX_ID);
        assertThat(created.at("/app/displayName")).isEqualTo("Help desk");
        assertThat(created.json().at("/app/settings/conversationRetentionSeconds").asInt()).isEqualTo(3600);
        assertThat(created.json().at("/app/settings/useAnimalNames").asBoolean()).isTrue();
        assertThat(created.json().at("/app/settings/maskCreditCardNumbers").asBoolean()).isTrue();
        assertThat(created.json().at("/app/metadata/seats").asInt()).isEqualTo(5);

        Response read = api.get("/v2/apps/" + id, account.basic());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("app")).isEqualTo(created.json().path("app"));

        Response renamed = api.patch("/v2/apps/" + id, account.jwt(),
                "{\"displayName\":\"Help desk EU\",\"settings\":{\"echoPostback\":true}}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.at("/app/displayName")).isEqualTo("Help desk EU");
        assertThat(renamed.json().at("/app/settings/echoPostback").asBoolean()).isTrue();
        assertThat(renamed.json().at("/app/settings/useAnimalNames").asBoolean())
                .as("settings not named are kept").isTrue();
        assertThat(renamed.json().at("/app/metadata/tier").asText()).as("metadata not named is kept").isEqualTo("gold");

        Response cleared = api.patch("/v2/apps/" + id, account.basic(), "{\"metadata\":null}");
        assertThat(cleared.json().at("/app/metadata").isNull()).isTrue();

        Response deleted = api.delete("/v2/apps/" + id, account.basic());
        assertEmptyOk(deleted);
        Response gone = api.get("/v2/apps/" + id, account.basic());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("app_not_found");
        assertThat(api.delete("/v2/apps/" + id, account.basic()).status()).isEqualTo(404);
    }

    @Test
    void validatesAppBodies() {
        AccountFixture account = createAccount("Apps validation", null);
        Auth auth = account.basic();
        List<String> invalidCreates = List.of(
                "{}",
                "{\"displayName\":\"\"}",
                "{\"displayName\":\"" + "x".repeat(101) + "\"}",
                "{\"displayName\":null}",
                "{\"displayName\":42}",
                "{\"displayName\":\"ok\",\"unknown\":1}",
                "{\"displayName\":\"ok\",\"settings\":{\"noSuchSetting\":true}}",
                "{\"displayName\":\"ok\",\"settings\":{\"useAnimalNames\":\"true\"}}",
                "{\"displayName\":\"ok\",\"settings\":{\"useAnimalNames\":1}}",
                "{\"displayName\":\"ok\",\"settings\":{\"conversationRetentionSeconds\":-1}}",
                "{\"displayName\":\"ok\",\"settings\":{\"conversationRetentionSeconds\":1.5}}",
                "{\"displayName\":\"ok\",\"settings\":{\"conversationRetentionSeconds\":\"60\"}}",
                "{\"displayName\":\"ok\",\"settings\":{\"endSessionEnabled\":true}}",
                "{\"displayName\":\"ok\",\"settings\":{\"disableConversationReopen\":true}}",
                "{\"displayName\":\"ok\",\"settings\":[]}",
                "{\"displayName\":\"ok\",\"metadata\":[1]}",
                "{\"displayName\":\"ok\",\"metadata\":{\"nested\":{\"a\":1}}}",
                "{\"displayName\":\"ok\",\"metadata\":{\"list\":[1]}}",
                "{\"displayName\":\"ok\",\"metadata\":{\"n\":null}}",
                "{\"displayName\":\"ok\",\"metadata\":{\"big\":\"" + "x".repeat(4100) + "\"}}",
                "{\"displayName\":\"ok\",\"displayName\":\"twice\"}",
                "[]",
                "\"text\"",
                "{\"displayName\":",
                "{\"displayName\":\"ok\"} trailing");
        for (String body : invalidCreates) {
            Response response = api.post("/v2/apps", auth, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.errorCode()).as(body).isEqualTo("bad_request");
        }
        assertThat(api.get("/v2/apps", auth).json().path("apps")).as("nothing was created").isEmpty();

        Response multiConvo = api.post("/v2/apps", auth, "{\"displayName\":\"Multi\",\"settings\":"
                + "{\"multiConvoEnabled\":true,\"endSessionEnabled\":true,\"disableConversationReopen\":true}}");
        assertThat(multiConvo.status()).isEqualTo(201);
        String id = multiConvo.at("/app/id");
        Response backwards = api.patch("/v2/apps/" + id, auth, "{\"settings\":{\"multiConvoEnabled\":false}}");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.at("/errors/0/title")).contains("multiConvoEnabled");
        assertThat(api.patch("/v2/apps/" + id, auth, "{\"displayName\":\"\"}").status()).isEqualTo(400);
        assertThat(api.get("/v2/apps/" + id, auth).json().at("/app/settings/multiConvoEnabled").asBoolean())
                .as("the rejected update changed nothing").isTrue();

        String exactly4096 = "{\"k\":\"" + "x".repeat(4096 - 8) + "\"}";
        assertThat(exactly4096.length()).isEqualTo(4096);
        assertThat(api.patch("/v2/apps/" + id, auth, "{\"metadata\":" + exactly4096 + "}").status()).isEqualTo(200);
        String over = "{\"k\":\"" + "x".repeat(4096 - 7) + "\"}";
        Response tooBig = api.patch("/v2/apps/" + id, auth, "{\"metadata\":" + over + "}");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.at("/errors/0/title")).contains("4096 bytes");
    }

    @Test
    void listsAppsOldestFirstWithCursorPagination() {
        AccountFixture account = createAccount("Apps paging", null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(createApp(account.basic(), "App " + i));
        }
        assertThat(ids).isSorted();

        Response first = api.get("/v2/apps?page[size]=3", account.basic());
        assertThat(idsOf(first.json().path("apps"))).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(first.json().at("/meta/hasMore").asBoolean()).isTrue();
        assertThat(first.at("/meta/afterCursor")).isEqualTo(ids.get(2));
        assertThat(first.json().at("/meta/beforeCursor").isMissingNode()).isTrue();
        assertThat(first.json().at("/links/prev").isMissingNode()).isTrue();
        assertThat(first.at("/links/next")).endsWith("/v2/apps?page[after]=" + ids.get(2) + "&page[size]=3");

        Response second = api.get("/v2/apps?page[after]=" + ids.get(2) + "&page[size]=3", account.basic());
        assertThat(idsOf(second.json().path("apps"))).containsExactlyElementsOf(ids.subList(3, 6));
        assertThat(second.json().at("/meta/hasMore").asBoolean()).isTrue();
        assertThat(second.at("/meta/beforeCursor")).isEqualTo(ids.get(3));

        Response last = api.get("/v2/apps?page[after]=" + ids.get(5) + "&page[size]=3", account.basic());
        assertThat(idsOf(last.json().path("apps"))).containsExactly(ids.get(6));
        assertThat(last.json().at("/meta/hasMore").asBoolean()).isFalse();
        assertThat(last.json().at("/links/next").isMissingNode()).isTrue();
        assertThat(last.at("/links/prev")).contains("page[before]=" + ids.get(6));

        Response back = api.get("/v2/apps?page[before]=" + ids.get(6) + "&page[size]=4", account.basic());
        assertThat(idsOf(back.json().path("apps"))).containsExactlyElementsOf(ids.subList(2, 6));
        assertThat(back.json().at("/meta/hasMore").asBoolean()).as("older records remain").isTrue();
        assertThat(back.at("/meta/beforeCursor")).isEqualTo(ids.get(2));
        assertThat(back.at("/meta/afterCursor")).isEqualTo(ids.get(5));

        Response all = api.get("/v2/apps", account.basic());
        assertThat(idsOf(all.json().path("apps"))).containsExactlyElementsOf(ids);
        assertThat(all.json().at("/meta/hasMore").asBoolean()).isFalse();
    }

    @Test
    void refusesBadPageParameters() {
        AccountFixture account = createAccount("Apps bad paging", null);
        String id = createApp(account.basic(), "Only");
        for (String query : List.of("page[size]=0", "page[size]=101", "page[size]=abc", "page[size]=1.5",
                "page[after]=nothex", "page[before]=" + id.toUpperCase(), "page[after]=" + id + "&page[before]=" + id,
                "page[size]=1&page[size]=2")) {
            Response response = api.get("/v2/apps?" + query, account.basic());
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.errorCode()).as(query).isEqualTo("bad_request");
        }
    }

    @Test
    void holdsAnAccountToItsPlanLimit() {
        AccountFixture account = createAccount("Apps plan", 2);
        createApp(account.basic(), "One");
        String second = createApp(account.basic(), "Two");
        Response refused = api.post("/v2/apps", account.basic(), "{\"displayName\":\"Three\"}");
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.errorCode()).isEqualTo("payment_required");
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).hasSize(2);

        assertThat(api.delete("/v2/apps/" + second, account.basic()).status()).isEqualTo(200);
        assertThat(api.post("/v2/apps", account.basic(), "{\"displayName\":\"Three\"}").status())
                .as("deleting an app frees its slot").isEqualTo(201);
        Response noApps = api.post("/v2/apps", createAccount("Zero plan", 0).basic(), "{\"displayName\":\"No\"}");
        assertThat(noApps.status()).isEqualTo(402);
    }

    @Test
    void keepsAccountsApart() {
        AccountFixture first = createAccount("Tenant one", null);
        AccountFixture second = createAccount("Tenant two", null);
        String appOfFirst = createApp(first.basic(), "Private");
        KeyFixture keyOfFirst = createAppKey(first.basic(), appOfFirst, "k");

        assertThat(api.get("/v2/apps", second.basic()).json().path("apps")).isEmpty();
        for (Response response : List.of(
                api.get("/v2/apps/" + appOfFirst, second.basic()),
                api.get("/v2/apps/" + appOfFirst, second.jwt()),
                api.patch("/v2/apps/" + appOfFirst, second.basic(), "{\"displayName\":\"Stolen\"}"),
                api.delete("/v2/apps/" + appOfFirst, second.basic()),
                api.get("/v2/apps/" + appOfFirst + "/keys", second.basic()),
                api.post("/v2/apps/" + appOfFirst + "/keys", second.basic(), "{\"displayName\":\"x\"}"),
                api.get("/v2/apps/" + appOfFirst + "/keys/" + keyOfFirst.id(), second.basic()),
                api.delete("/v2/apps/" + appOfFirst + "/keys/" + keyOfFirst.id(), second.basic()))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
        }
        Response stillThere = api.get("/v2/apps/" + appOfFirst, first.basic());
        assertThat(stillThere.at("/app/displayName")).isEqualTo("Private");
        assertThat(api.get("/v2/apps/" + appOfFirst, keyOfFirst.basic()).status()).isEqualTo(200);
    }
}
