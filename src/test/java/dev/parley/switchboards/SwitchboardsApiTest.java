package dev.parley.switchboards;

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

/**
 * Switchboards and switchboard integrations under /v2/apps/{appId}/switchboards: shapes, limits, errors, the audit
 * log and who may manage them.
 */
class SwitchboardsApiTest extends ApiTest {
    private static final String UNKNOWN = "5ef21b86e933b7355c11c999";

    private AccountFixture account;
    private String appId;
    private Switchboards app;

    @BeforeEach
    void newApp() {
        account = createAccount("Switchboards", null);
        appId = createApp(account.basic(), "Switchboards");
        app = new Switchboards(api, appId, account.basic());
    }

    @Test
    void anAppHasOneSwitchboardCreatedDisabledListedUpdatedAndDeleted() {
        Response created = app.post("/switchboards", null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode switchboard = created.json().path("switchboard");
        assertThat(fieldNames(switchboard)).containsExactly("id", "enabled", "defaultSwitchboardIntegrationId");
        assertThat(switchboard.path("id").asText()).matches(HEX_ID);
        assertThat(switchboard.path("enabled").asBoolean()).isFalse();
        assertThat(switchboard.path("defaultSwitchboardIntegrationId").isNull()).isTrue();
        String id = switchboard.path("id").asText();

        Response second = app.post("/switchboards", null);
        assertError(second, 400, "bad_request");
        assertThat(second.at("/errors/0/title")).isEqualTo("Only one switchboard can be created per app");
        Response listed = app.get("/switchboards");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("switchboards")).containsExactly(switchboard);

        Response unready = app.patch("/switchboards/" + id, "{\"enabled\":true}");
        assertError(unready, 400, "bad_request");
        assertThat(unready.at("/errors/0/title")).contains("defaultSwitchboardIntegrationId");
        String bot = app.link(id, "bot", app.createIntegration("Bot"));
        Response enabled = app.patch("/switchboards/" + id, "{\"enabled\":true,\"defaultSwitchboardIntegrationId\":\""
                + bot + "\"}");
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(enabled.json().path("switchboard")).isEqualTo(json("{\"id\":\"" + id + "\",\"enabled\":true,"
                + "\"defaultSwitchboardIntegrationId\":\"" + bot + "\"}"));
        assertError(app.patch("/switchboards/" + id, "{\"defaultSwitchboardIntegrationId\":null}"), 400,
                "bad_request", "an enabled switchboard keeps its default");
        Response disabled = app.patch("/switchboards/" + id, "{\"enabled\":false}");
        assertThat(disabled.json().path("switchboard").path("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().path("switchboard").path("defaultSwitchboardIntegrationId").asText())
                .isEqualTo(bot);

        assertEmptyOk(app.delete("/switchboards/" + id));
        assertThat(app.get("/switchboards").json().path("switchboards")).isEmpty();
        assertThat(app.createSwitchboard()).as("a new one once the first is gone").isNotEqualTo(id);
        assertThat(audited()).containsSubsequence("switchboard.create " + id + " by account_key",
                "switchboard_integration.create " + bot + " by account_key",
                "switchboard.update " + id + " by account_key",
                "switchboard_integration.delete " + bot + " by account_key",
                "switchboard.delete " + id + " by account_key");
    }

    @Test
    void anIntegrationLinkedToTheSwitchboardIsNotDeletedUntilItsSwitchboardIntegrationIs() {
        String id = app.createSwitchboard();
        String integration = app.createIntegration("Bot");
        String bot = app.link(id, "bot", integration);
        Response refused = app.delete("/integrations/" + integration);
        assertError(refused, 400, "bad_request");
        assertThat(refused.toString()).contains("'bot'");
        assertThat(app.get("/integrations/" + integration).status()).isEqualTo(200);
        assertThat(app.delete(app.integrationsPath(id) + "/" + bot).status()).isEqualTo(200);
        assertThat(app.delete("/integrations/" + integration).status()).isEqualTo(200);
    }

    @Test
    void onlyOneOfConcurrentCreationsSucceeds() throws Exception {
        List<Response> answers = Race.of(6, i -> app.post("/switchboards", null));
        assertThat(answers).extracting(Response::status).containsOnly(201, 400).containsOnlyOnce(201);
        assertThat(app.get("/switchboards").json().path("switchboards")).hasSize(1);
    }

    @Test
    void badSwitchboardChangesAnswer400AndChangeNothing() {
        String id = app.createSwitchboard();
        for (String body : List.of("{\"enabled\":\"yes\"}", "{\"enabled\":null}", "{\"colour\":\"red\"}",
                "{\"defaultSwitchboardIntegrationId\":5}", "{\"defaultSwitchboardIntegrationId\":\"" + UNKNOWN + "\"}",
                "[]")) {
            assertError(app.patch("/switchboards/" + id, body), 400, "bad_request", body);
        }
        assertThat(app.get("/switchboards").json().path("switchboards").get(0).path("enabled").asBoolean()).isFalse();
        for (String missing : List.of(UNKNOWN, "nope")) {
            assertError(app.patch("/switchboards/" + missing, "{\"enabled\":false}"), 404, "switchboard_not_found");
            assertError(app.delete("/switchboards/" + missing), 404, "switchboard_not_found");
            assertError(app.get("/switchboards/" + missing + "/switchboardIntegrations"), 404,
                    "switchboard_not_found");
            assertError(app.post("/switchboards/" + missing + "/switchboardIntegrations", "{\"name\":\"x\","
                    + "\"integrationId\":\"" + UNKNOWN + "\"}"), 404, "switchboard_not_found");
        }
    }

    @Test
    void switchboardIntegrationsHaveUpstreamsShapeAndDefaults() {
        String id = app.createSwitchboard();
        String botIntegration = app.createIntegration("Bot");
        String agentIntegration = app.createIntegration("Agent");
        JsonNode bot = app.link(id, "{\"name\":\"bot\",\"integrationId\":\"" + botIntegration + "\"}");
        assertThat(fieldNames(bot)).containsExactly("id", "name", "integrationId", "integrationType",
                "deliverStandbyEvents", "nextSwitchboardIntegrationId", "messageHistoryCount");
        assertThat(bot.path("id").asText()).matches(HEX_ID);
        assertThat(bot.path("name").asText()).isEqualTo("bot");
        assertThat(bot.path("integrationId").asText()).isEqualTo(botIntegration);
        assertThat(bot.path("integrationType").asText()).isEqualTo("custom");
        assertThat(bot.path("deliverStandbyEvents").asBoolean()).isTrue();
        assertThat(bot.path("nextSwitchboardIntegrationId").isNull()).isTrue();
        assertThat(bot.path("messageHistoryCount").isNull()).isTrue();

        JsonNode agent = app.link(id, "{\"name\":\"human-agent_1\",\"integrationId\":\"" + agentIntegration
                + "\",\"deliverStandbyEvents\":false,\"nextSwitchboardIntegrationId\":\"" + bot.path("id").asText()
                + "\",\"messageHistoryCount\":10}");
        assertThat(agent.path("deliverStandbyEvents").asBoolean()).isFalse();
        assertThat(agent.path("nextSwitchboardIntegrationId").asText()).isEqualTo(bot.path("id").asText());
        assertThat(agent.path("messageHistoryCount").asInt()).isEqualTo(10);

        Response listed = app.get(app.integrationsPath(id));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("switchboardIntegrations")).containsExactly(bot, agent);

        String agentPath = app.integrationsPath(id) + "/" + agent.path("id").asText();
        Response changed = app.patch(agentPath, "{\"name\":\"agent\",\"messageHistoryCount\":null,"
                + "\"nextSwitchboardIntegrationId\":null}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode after = changed.json().path("switchboardIntegration");
        assertThat(after.path("name").asText()).isEqualTo("agent");
        assertThat(after.path("messageHistoryCount").isNull()).isTrue();
        assertThat(after.path("nextSwitchboardIntegrationId").isNull()).isTrue();
        assertThat(after.path("deliverStandbyEvents").asBoolean()).as("left as it was").isFalse();
        assertThat(app.get(app.integrationsPath(id)).json().path("switchboardIntegrations").get(1)).isEqualTo(after);
        assertThat(audited()).contains("switchboard_integration.update " + agent.path("id").asText()
                + " by account_key");
    }

    @Test
    void badSwitchboardIntegrationsAnswer400Or409AndMakeNothing() {
        String id = app.createSwitchboard();
        String integration = app.createIntegration("Bot");
        String other = app.createIntegration("Other");
        String bot = app.link(id, "bot", integration);
        String path = app.integrationsPath(id);
        for (String body : List.of("{\"integrationId\":\"" + other + "\"}", "{\"name\":\"x\"}",
                "{\"name\":\"has space\",\"integrationId\":\"" + other + "\"}",
                "{\"name\":\"" + "n".repeat(129) + "\",\"integrationId\":\"" + other + "\"}",
                "{\"name\":\"x\",\"integrationType\":\"zd:agentWorkspace\"}",
                "{\"name\":\"x\",\"integrationId\":\"" + other + "\",\"integrationType\":\"custom\"}",
                "{\"name\":\"x\",\"integrationId\":\"" + other + "\",\"deliverStandbyEvents\":\"true\"}",
                "{\"name\":\"x\",\"integrationId\":\"" + other + "\",\"messageHistoryCount\":11}",
                "{\"name\":\"x\",\"integrationId\":\"" + other + "\",\"messageHistoryCount\":1.5}",
                "{\"name\":\"x\",\"integrationId\":\"" + other + "\",\"nextSwitchboardIntegrationId\":\"" + UNKNOWN
                        + "\"}",
                "{\"name\":\"x\",\"integrationId\":\"" + other + "\",\"colour\":\"red\"}")) {
            assertError(app.post(path, body), 400, "bad_request", body);
        }
        assertError(app.post(path, "{\"name\":\"x\",\"integrationId\":\"" + UNKNOWN + "\"}"), 404,
                "integration_not_found");
        assertError(app.post(path, "{\"name\":\"bot\",\"integrationId\":\"" + other + "\"}"), 409, "conflict");
        assertError(app.post(path, "{\"name\":\"again\",\"integrationId\":\"" + integration + "\"}"), 409,
                "conflict");
        assertError(app.patch(path + "/" + bot, "{\"integrationId\":null}"), 400, "bad_request");
        assertError(app.patch(path + "/" + UNKNOWN, "{\"name\":\"x\"}"), 404, "switchboard_integration_not_found");
        assertError(app.delete(path + "/" + UNKNOWN), 404, "switchboard_integration_not_found");
        assertThat(idsOf(app.get(path).json().path("switchboardIntegrations"))).containsExactly(bot);
    }

    @Test
    void aSwitchboardHasAtMostTenIntegrationsEvenWhenLinkedAtOnce() throws Exception {
        String id = app.createSwitchboard();
        List<String> integrations = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            integrations.add(app.createUnhookedIntegration("I" + i));
        }
        List<Response> answers = Race.of(12, i -> app.post(app.integrationsPath(id), "{\"name\":\"s" + i
                + "\",\"integrationId\":\"" + integrations.get(i) + "\"}"));
        assertThat(answers).extracting(Response::status).containsOnly(201, 400);
        assertThat(answers.stream().filter(answer -> answer.status() == 201)).hasSize(10);
        answers.stream().filter(answer -> answer.status() == 400).forEach(answer ->
                assertError(answer, 400, "too_many_switchboard_integrations"));
        List<String> linked = idsOf(app.get(app.integrationsPath(id)).json().path("switchboardIntegrations"));
        assertThat(linked).hasSize(10);
        assertEmptyOk(app.delete(app.integrationsPath(id) + "/" + linked.get(0)));
        int refused = answers.indexOf(answers.stream().filter(answer -> answer.status() == 400).findFirst()
                .orElseThrow());
        app.link(id, "late", integrations.get(refused)); // the deletion gave its place back

    }

    @Test
    void theDefaultAndAnothersNextCannotBeDeletedAndTheTitleSaysWhy() {
        String id = app.createSwitchboard();
        String bot = app.link(id, "bot", app.createIntegration("Bot"));
        String agent = app.link(id, "{\"name\":\"agent\",\"integrationId\":\"" + app.createIntegration("Agent")
                + "\",\"nextSwitchboardIntegrationId\":\"" + bot + "\"}").path("id").asText();
        app.enable(id, agent);
        String path = app.integrationsPath(id);

        Response theDefault = app.delete(path + "/" + agent);
        assertError(theDefault, 400, "bad_request");
        assertThat(theDefault.at("/errors/0/title")).contains("default");
        Response theNext = app.delete(path + "/" + bot);
        assertError(theNext, 400, "bad_request");
        assertThat(theNext.at("/errors/0/title")).contains("nextSwitchboardIntegrationId").contains("agent");
        assertThat(idsOf(app.get(path).json().path("switchboardIntegrations"))).containsExactly(bot, agent);

        app.enable(id, bot);
        assertEmptyOk(app.delete(path + "/" + agent));
        assertThat(idsOf(app.get(path).json().path("switchboardIntegrations"))).containsExactly(bot);
    }

    @Test
    void accountServiceAccountAndAppKeysManageTheSwitchboardsOfAppsTheyReachIntegrationKeysNone() {
        String integration = app.createIntegration("Bot");
        KeyFixture appKey = createAppKey(account.basic(), appId, "app");
        KeyFixture integrationKey = app.createIntegrationKey(integration);
        String otherApp = createApp(account.basic(), "Other");
        KeyFixture otherAppKey = createAppKey(account.basic(), otherApp, "other");
        String serviceAccount = createServiceAccount(account.basic(), "Ops");
        KeyFixture serviceKey = createServiceAccountKey(account.basic(), serviceAccount, "ops");
        AccountFixture stranger = createAccount("Stranger", null);

        Switchboards asApp = app.as(appKey.jwt("app"));
        String id = asApp.createSwitchboard();
        String linked = asApp.link(id, "bot", integration);
        asApp.enable(id, linked);
        assertThat(app.as(account.jwt()).get("/switchboards").status()).isEqualTo(200);

        for (Auth integrationAuth : List.of(integrationKey.basic(), integrationKey.jwt("integration"))) {
            Switchboards as = app.as(integrationAuth);
            assertError(as.post("/switchboards", null), 403, "forbidden");
            assertError(as.get("/switchboards"), 403, "forbidden");
            assertError(as.patch("/switchboards/" + id, "{\"enabled\":false}"), 403, "forbidden");
            assertError(as.delete("/switchboards/" + id), 403, "forbidden");
            assertError(as.get(as.integrationsPath(id)), 403, "forbidden");
            assertError(as.post(as.integrationsPath(id), "{\"name\":\"x\",\"integrationId\":\"" + integration
                    + "\"}"), 403, "forbidden");
            assertError(as.patch(as.integrationsPath(id) + "/" + linked, "{\"name\":\"x\"}"), 403, "forbidden");
            assertError(as.delete(as.integrationsPath(id) + "/" + linked), 403, "forbidden");
        }
        for (Auth outsider : List.of(otherAppKey.basic(), serviceKey.basic(), stranger.basic())) {
            Switchboards as = app.as(outsider);
            assertError(as.post("/switchboards", null), 404, "app_not_found");
            assertError(as.get("/switchboards"), 404, "app_not_found");
            assertError(as.patch("/switchboards/" + id, "{\"enabled\":false}"), 404, "app_not_found");
            assertError(as.delete("/switchboards/" + id), 404, "app_not_found");
            assertError(as.get(as.integrationsPath(id)), 404, "app_not_found");
            assertError(as.delete(as.integrationsPath(id) + "/" + linked), 404, "app_not_found");
        }
        Switchboards otherAppsBoard = new Switchboards(api, otherApp, account.basic());
        assertError(otherAppsBoard.patch("/switchboards/" + id, "{\"enabled\":false}"), 404,
                "switchboard_not_found");
        assertError(otherAppsBoard.get(otherAppsBoard.integrationsPath(id)), 404, "switchboard_not_found");

        Response granted = api.put("/v2/serviceaccounts/" + serviceAccount + "/apps/" + appId, account.basic());
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        Switchboards asServiceAccount = app.as(serviceKey.basic());
        assertThat(asServiceAccount.get(asServiceAccount.integrationsPath(id)).status()).isEqualTo(200);
        assertEmptyOk(asServiceAccount.delete("/switchboards/" + id));
        assertThat(audited()).contains("switchboard.create " + id + " by app_key",
                "switchboard.delete " + id + " by service_account_key");
    }

    private List<String> audited() {
        Response page = api.get("/admin/audit?filter[accountId]=" + account.id() + "&page[size]=100",
                server.operator());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        page.json().path("events").forEach(event -> entries.add(event.path("action").asText() + " "
                + event.path("targetId").asText() + " by " + event.path("actor").asText()));
        return entries;
    }
}
