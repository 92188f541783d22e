package dev.parley.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Race;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Custom integrations under /v2/apps/{appId}/integrations: shapes, pages, errors, limits and who may do what. */
class IntegrationsApiTest extends ApiTest {
    private AccountFixture account;
    private String appId;
    private Integrations integrations;

    @BeforeEach
    void newApp() {
        account = createAccount("Integrations", null);
        appId = createApp(account.basic(), "Integrations");
        integrations = new Integrations(api, appId, account.basic());
    }

    @Test
    void aCustomIntegrationIsMadeWithItsWebhookAndReadBackWithTheWebhooksSecret() {
        JsonNode integration = integrations.create("Help desk", "{\"target\":\"" + Integrations.TARGET
                + "\",\"triggers\":[\"conversation:message\",\"conversation:read\"],\"includeFullUser\":true}");

        assertThat(fieldNames(integration)).containsExactly("id", "type", "status", "displayName", "webhooks");
        assertThat(integration.path("id").asText()).matches(HEX_ID);
        assertThat(integration.path("type").asText()).isEqualTo("custom");
        assertThat(integration.path("status").asText()).isEqualTo("active");
        assertThat(integration.path("displayName").asText()).isEqualTo("Help desk");
        assertThat(integration.path("webhooks")).hasSize(1);
        JsonNode webhook = integration.path("webhooks").get(0);
        assertThat(fieldNames(webhook)).containsExactly("id", "version", "target", "triggers", "secret",
                "includeFullUser", "includeFullSource");
        assertThat(webhook.path("id").asText()).matches(HEX_ID);
        assertThat(webhook.path("version").asText()).isEqualTo("v2");
        assertThat(webhook.path("target").asText()).isEqualTo(Integrations.TARGET);
        assertThat(webhook.path("triggers")).isEqualTo(json("[\"conversation:message\",\"conversation:read\"]"));
        assertThat(webhook.path("secret").asText()).matches(Integrations.SECRET);
        assertThat(webhook.path("includeFullUser").asBoolean()).isTrue();
        assertThat(webhook.path("includeFullSource").asBoolean()).isFalse();

        String id = integration.path("id").asText();
        Response read = integrations.get("/" + id);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("integration")).as("GET shows the webhook with its secret, as created")
                .isEqualTo(integration);
        assertThat(integrations.get("/" + id + "/webhooks/" + webhook.path("id").asText()).json().path("webhook"))
                .isEqualTo(webhook);
        assertThat(audited()).containsSubsequence("integration.create " + id + " by account_key",
                "webhook.create " + webhook.path("id").asText() + " by account_key");
    }

    @Test
    void aNameIsOptionalAndEveryOtherTypeAnswers400NamingTheSupportedType() {
        Response unnamed = integrations.post("", "{\"type\":\"custom\",\"webhooks\":[" + Integrations.WEBHOOK + "]}");
        assertThat(unnamed.status()).as(unnamed.toString()).isEqualTo(201);
        assertThat(unnamed.json().path("integration").path("displayName").isNull()).isTrue();

        for (String type : List.of("\"web\"", "\"android\"", "\"whatsapp\"", "\"Custom\"", "5", "null")) {
            String body = "{\"type\":" + type + ",\"webhooks\":[" + Integrations.WEBHOOK + "]}";
            Response refused = integrations.post("", body);
            assertError(refused, 400, "bad_request", body);
            assertThat(refused.json().path("errors").get(0).path("title").asText()).as(body).contains("custom");
        }
        Response untyped = integrations.post("", "{\"webhooks\":[" + Integrations.WEBHOOK + "]}");
        assertError(untyped, 400, "bad_request");
        assertThat(untyped.json().path("errors").get(0).path("title").asText()).contains("custom");
        assertThat(integrations.allIds()).as("refused requests made nothing")
                .containsExactly(unnamed.at("/integration/id"));
    }

    @Test
    void badBodiesAnswer400AndMakeNothing() {
        String webhook = Integrations.WEBHOOK;
        for (String body : List.of(
                "{\"type\":\"custom\"}",
                "{\"type\":\"custom\",\"webhooks\":[]}",
                "{\"type\":\"custom\",\"webhooks\":" + webhook + "}",
                "{\"type\":\"custom\",\"webhooks\":[" + webhook + "," + webhook + "]}",
                "{\"type\":\"custom\",\"webhooks\":[5]}",
                "{\"type\":\"custom\",\"displayName\":\"" + "d".repeat(101) + "\",\"webhooks\":[" + webhook + "]}",
                "{\"type\":\"custom\",\"displayName\":\"\",\"webhooks\":[" + webhook + "]}",
                "{\"type\":\"custom\",\"displayName\":5,\"webhooks\":[" + webhook + "]}",
                "{\"type\":\"custom\",\"status\":\"active\",\"webhooks\":[" + webhook + "]}",
                "{\"type\":\"custom\",\"webhooks\":[{\"triggers\":[\"conversation:message\"]}]}",
                "{\"type\":\"custom\",\"webhooks\":[{\"target\":\"" + Integrations.TARGET + "\"}]}",
                "{\"type\":\"custom\",\"webhooks\":[{\"target\":\"" + Integrations.TARGET
                        + "\",\"triggers\":[\"conversation:Message\"]}]}",
                "{\"type\":\"custom\",\"webhooks\":[{\"target\":\"http://10.0.0.1/hook\","
                        + "\"triggers\":[\"conversation:message\"]}]}",
                "{\"type\":\"custom\",\"webhooks\":[{\"target\":\"" + Integrations.TARGET
                        + "\",\"triggers\":[\"conversation:message\"],\"secret\":\"mine\"}]}")) {
            assertError(integrations.post("", body), 400, "bad_request", body);
        }
        assertThat(integrations.allIds()).isEmpty();
        assertThat(audited()).as("nothing refused is audited").noneMatch(entry -> entry.startsWith("integration."));
    }

    @Test
    void integrationsArePagedOldestFirstAndFilteredByType() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(integrations.create("Paged " + i));
        }
        Response first = integrations.get("?page[size]=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(fieldNames(first.json())).containsExactly("integrations", "meta", "links");
        assertThat(idsOf(first.json().path("integrations"))).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(first.json().path("meta").path("hasMore").asBoolean()).isTrue();
        assertThat(first.json().path("meta").path("afterCursor").asText()).isEqualTo(ids.get(1));
        assertThat(first.json().path("integrations").get(0).path("webhooks")).hasSize(1);
        Response second = integrations.get("?page[size]=2&page[after]=" + ids.get(1));
        assertThat(idsOf(second.json().path("integrations"))).containsExactly(ids.get(2));
        assertThat(second.json().path("meta").path("hasMore").asBoolean()).isFalse();
        Response back = integrations.get("?page[size]=2&page[before]=" + ids.get(2));
        assertThat(idsOf(back.json().path("integrations"))).containsExactlyElementsOf(ids.subList(0, 2));

        Response custom = integrations.get("?filter[types]=custom&page[size]=2");
        assertThat(idsOf(custom.json().path("integrations"))).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(custom.json().path("links").path("next").asText()).contains("filter[types]=custom");
        assertThat(idsOf(integrations.get("?filter[types]=web,custom").json().path("integrations")))
                .containsExactlyElementsOf(ids);
        Response web = integrations.get("?filter[types]=web,android");
        assertThat(web.status()).isEqualTo(200);
        assertThat(web.json().path("integrations")).isEmpty();

        for (String query : List.of("?filter[types]=", "?filter[types]=custom;drop", "?filter[types]=a,,b",
                "?page[size]=0", "?page[after]=nope", "?filter[types]=custom&filter[types]=web")) {
            assertError(integrations.get(query), 400, "bad_request", query);
        }
    }

    @Test
    void aDisplayNameIsChangedOrUnsetAndNothingElse() {
        String id = integrations.create("Before");
        Response renamed = integrations.patch("/" + id, "{\"displayName\":\"After\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("integration").path("displayName").asText()).isEqualTo("After");
        assertThat(renamed.json().path("integration").path("webhooks")).hasSize(1);
        assertThat(integrations.patch("/" + id, "{}").json().path("integration").path("displayName").asText())
                .as("an empty change leaves the name").isEqualTo("After");
        for (String body : List.of("{\"displayName\":\"" + "n".repeat(101) + "\"}", "{\"displayName\":\" \"}",
                "{\"displayName\":true}", "{\"type\":\"web\"}", "{\"webhooks\":[]}", "[]")) {
            assertError(integrations.patch("/" + id, body), 400, "bad_request", body);
        }
        assertThat(integrations.get("/" + id).json().path("integration").path("displayName").asText())
                .isEqualTo("After");
        Response unset = integrations.patch("/" + id, "{\"displayName\":null}");
        assertThat(unset.json().path("integration").path("displayName").isNull()).as(unset.toString()).isTrue();
        String update = "integration.update " + id + " by account_key";
        assertThat(audited()).containsSubsequence(update, update, update);
    }

    @Test
    void deletingAnIntegrationDeletesItsWebhooksAndKeysAndGivesTheWebhookSlotsBack() {
        String id = integrations.create("Doomed");
        String webhookId = integrations.get("/" + id + "/webhooks").json().path("webhooks").get(0).path("id")
                .asText();
        KeyFixture key = integrations.createKey(id, "bot");
        assertThat(api.get("/v2/apps/" + appId + "/users/nobody", key.basic()).status()).as("the key works")
                .isEqualTo(404);

        assertEmptyOk(integrations.delete("/" + id));

        assertError(integrations.get("/" + id), 404, "integration_not_found");
        assertError(integrations.get("/" + id + "/webhooks/" + webhookId), 404, "integration_not_found");
        assertError(integrations.delete("/" + id), 404, "integration_not_found");
        assertError(api.get("/v2/apps/" + appId + "/users/nobody", key.basic()), 401, "unauthorized");
        for (int i = 0; i < 10; i++) {
            integrations.create("Refill " + i);
        }
        assertThat(audited()).containsSubsequence("integration_key.create " + key.id() + " by account_key",
                "webhook.delete " + webhookId + " by account_key",
                "integration_key.delete " + key.id() + " by account_key",
                "integration.delete " + id + " by account_key");
    }

    @Test
    void anAppHasAtMostTenWebhooksEvenWhenCreatedAtOnce() throws Exception {
        List<Response> answers = Race.of(13, i -> integrations.post("", "{\"type\":\"custom\",\"displayName\":\"R"
                + i + "\",\"webhooks\":[" + Integrations.WEBHOOK + "]}"));
        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(10);
        assertThat(answers).filteredOn(answer -> answer.status() == 400)
                .hasSize(3)
                .allSatisfy(answer -> assertThat(answer.errorCode()).isEqualTo("bad_request"));
        assertThat(integrations.allIds()).as("a refused integration leaves nothing behind").hasSize(10);
    }

    @Test
    void unknownIntegrationsAndThoseOfOtherAppsAre404() {
        String otherApp = createApp(account.basic(), "Other");
        String theirs = new Integrations(api, otherApp, account.basic()).create("Theirs");
        for (String id : List.of(theirs, "5e4af71a81966cfff3ef6550", "nope")) {
            assertError(integrations.get("/" + id), 404, "integration_not_found", id);
            assertError(integrations.patch("/" + id, "{\"displayName\":\"x\"}"), 404, "integration_not_found", id);
            assertError(integrations.delete("/" + id), 404, "integration_not_found", id);
        }
        assertThat(new Integrations(api, otherApp, account.basic()).allIds()).containsExactly(theirs);
    }

    @Test
    void accountServiceAccountAndAppKeysManageTheIntegrationsOfAppsTheyReach() {
        String id = integrations.create("Shared");
        KeyFixture appKey = createAppKey(account.basic(), appId, "app");
        String otherApp = createApp(account.basic(), "Other");
        KeyFixture otherAppKey = createAppKey(account.basic(), otherApp, "other");
        String serviceAccount = createServiceAccount(account.basic(), "Ops");
        KeyFixture serviceKey = createServiceAccountKey(account.basic(), serviceAccount, "ops");
        AccountFixture stranger = createAccount("Stranger", null);

        List<Auth> insiders = List.of(appKey.basic(), appKey.jwt("app"), account.jwt());
        for (int i = 0; i < insiders.size(); i++) {
            Integrations as = integrations.as(insiders.get(i));
            assertThat(as.get("/" + id).status()).isEqualTo(200);
            assertThat(as.get("").status()).isEqualTo(200);
            assertThat(as.patch("/" + id, "{\"displayName\":\"Renamed\"}").status()).isEqualTo(200);
            as.create("By insider " + i);
        }
        for (Auth outsider : List.of(otherAppKey.basic(), serviceKey.basic(), stranger.basic())) {
            Integrations as = integrations.as(outsider);
            assertError(as.get(""), 404, "app_not_found");
            assertError(as.get("/" + id), 404, "app_not_found");
            assertError(as.post("", "{\"type\":\"custom\",\"webhooks\":[" + Integrations.WEBHOOK + "]}"), 404,
                    "app_not_found");
            assertError(as.patch("/" + id, "{\"displayName\":\"x\"}"), 404, "app_not_found");
            assertError(as.delete("/" + id), 404, "app_not_found");
        }
        Response granted = api.put("/v2/serviceaccounts/" + serviceAccount + "/apps/" + appId, account.basic());
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        Integrations asServiceAccount = integrations.as(serviceKey.basic());
        assertThat(asServiceAccount.get("/" + id).status()).as("once granted the app").isEqualTo(200);
        asServiceAccount.create("By the service account");
        assertEmptyOk(asServiceAccount.delete("/" + id));
    }

    private List<String> audited() {
        return Integrations.audited(api, server.operator(), account.id());
    }
}
