package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.webhooks.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The integration, webhook, delivery log and switchboard pages at the HTTP level: another account's ids answer 404
 * on every page and form, every form refuses a missing or wrong CSRF token, and neither changes anything.
 */
class DashboardIntegrationsApiTest extends ApiTest {
    private final WebhookReceiver receiver = new WebhookReceiver();
    private AccountFixture account;
    private OwnerFixture owner;
    private DataPlane app;
    private String integrationId;
    private String webhookId;
    private String deliveryId;
    private String keyId;
    private String base;

    @BeforeEach
    void anAppWithAnIntegrationADeliveryAKeyAndASwitchboard() throws InterruptedException {
        account = createAccount("Integrations owner", null);
        owner = createOwner(account.id());
        app = new DataPlane(api, createApp(account.basic(), "Inside"), account.basic());
        Response integration = app.created("/integrations", "{\"type\":\"custom\",\"displayName\":\"Bot\","
                + "\"webhooks\":[{\"target\":\"" + receiver.url() + "\",\"triggers\":[\"conversation:message\"]}]}");
        integrationId = integration.at("/integration/id");
        webhookId = integration.at("/integration/webhooks/0/id");
        String webhook = "/integrations/" + integrationId + "/webhooks/" + webhookId;
        deliveryId = app.created(webhook + "/test", null).at("/delivery/id");
        Polling.until(() -> deliveries(), list -> "delivered".equals(list.at("/0/status").asText()),
                Duration.ofSeconds(30));
        keyId = app.created("/integrations/" + integrationId + "/keys", "{\"displayName\":\"Bot key\"}")
                .at("/key/id");
        app.created("/switchboards", null);
        base = "/dashboard/apps/" + app.appId();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anotherAccountsOwnerGetsNotFoundOnEveryPageAndFormAndChangesNothing() {
        AccountFixture strangers = createAccount("Stranger", null);
        OwnerFixture stranger = createOwner(strangers.id());
        DashboardClient client = dashboard().signedIn(stranger.email(), stranger.password());
        String ownApp = createApp(strangers.basic(), "Own");
        String csrf = client.get("/dashboard/account").csrf();
        for (String page : pages(base)) {
            assertThat(client.get(page).status()).as("GET %s", page).isEqualTo(404);
        }
        for (Map.Entry<String, Map<String, String>> form : forms(base).entrySet()) {
            Map<String, String> fields = new HashMap<>(form.getValue());
            fields.put("csrf", csrf);
            DashboardClient.Page answer = client.post(form.getKey(), fields);
            assertThat(answer.status()).as("POST %s: %s", form.getKey(), answer).isEqualTo(404);
            assertThat(answer.body()).contains("App not found");
        }
        // The stranger's own app does not lend its id to this account's integration either.
        assertThat(client.get("/dashboard/apps/" + ownApp + "/integrations/" + integrationId).status()).isEqualTo(404);
        assertUnchanged();
    }

    @Test
    void everyFormRefusesAMissingOrWrongCsrfTokenAndChangesNothing() {
        DashboardClient client = dashboard().signedIn(owner.email(), owner.password());
        for (String page : pages(base)) {
            assertThat(client.get(page).status()).as("GET %s", page).isEqualTo(200);
        }
        for (Map.Entry<String, Map<String, String>> form : forms(base).entrySet()) {
            DashboardClient.Page missing = client.post(form.getKey(), form.getValue());
            assertThat(missing.status()).as("POST %s without a token", form.getKey()).isEqualTo(403);
            Map<String, String> forged = new HashMap<>(form.getValue());
            forged.put("csrf", "forged-token");
            DashboardClient.Page wrong = client.post(form.getKey(), forged);
            assertThat(wrong.status()).as("POST %s with a wrong token", form.getKey()).isEqualTo(403);
            assertThat(wrong.body()).contains("Nothing was changed");
        }
        assertUnchanged();
    }

    @Test
    void theWebhookSecretIsOnItsOwnPageOnlyAndErrorsStandNextToTheirFields() {
        DashboardClient client = dashboard().signedIn(owner.email(), owner.password());
        String secret = app.get("/integrations/" + integrationId + "/webhooks/" + webhookId).at("/webhook/secret");
        String webhookPage = base + "/integrations/" + integrationId + "/webhooks/" + webhookId;
        assertThat(client.get(webhookPage).body()).doesNotContain(secret);
        assertThat(client.get(base + "/integrations").body()).doesNotContain(secret);
        assertThat(client.get(base + "/integrations/" + integrationId).body()).doesNotContain(secret);
        assertThat(client.get(webhookPage + "/secret").body()).contains(secret);

        String csrf = client.get(base + "/integrations").csrf();
        DashboardClient.Page refused = client.post(base + "/integrations", Map.of("csrf", csrf, "name", "Inner",
                "target", "http://10.1.2.3/hook", "triggers", "conversation:message"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"webhook-target-error\">The target must reach a public address")
                .contains("value=\"http://10.1.2.3/hook\"").contains("value=\"Inner\"");
        DashboardClient.Page noTrigger = client.post(base + "/integrations", Map.of("csrf", csrf, "name", "None",
                "target", receiver.url()));
        assertThat(noTrigger.body()).contains("id=\"webhook-triggers-error\">The triggers are not chosen");
        DashboardClient.Page blankName = client.post(base + "/integrations", Map.of("csrf", csrf, "name", "  ",
                "target", receiver.url(), "triggers", "conversation:message"));
        assertThat(blankName.body()).contains("id=\"integration-name-error\">The name must be");
        DashboardClient.Page badEdit = client.post(webhookPage, Map.of("csrf", csrf, "target", "ftp://example.com",
                "triggers", "conversation:message"));
        assertThat(badEdit.status()).isEqualTo(400);
        assertThat(badEdit.body()).contains("id=\"webhook-target-error\">The target must be an http://");
        assertThat(app.get("/integrations").json().path("integrations")).hasSize(1);
        assertThat(app.get("/integrations/" + integrationId + "/webhooks/" + webhookId).at("/webhook/target"))
                .isEqualTo(receiver.url());
    }

    @Test
    void theDeliveryLogOpensOnItsNewestPageWithOlderPagesOnDemand() {
        String webhook = "/integrations/" + integrationId + "/webhooks/" + webhookId;
        List<String> sent = new ArrayList<>(List.of(deliveryId));
        for (int i = 0; i < 20; i++) {
            sent.add(app.created(webhook + "/test", null).at("/delivery/id"));
        }
        DashboardClient client = dashboard().signedIn(owner.email(), owner.password());
        String webhookPage = base + webhook;
        DashboardClient.Page newest = client.get(webhookPage);
        for (String id : sent.subList(1, 21)) {
            assertThat(newest.body()).contains("id=\"delivery-" + id + "\"");
        }
        assertThat(newest.body()).doesNotContain("id=\"delivery-" + deliveryId + "\"")
                .contains("href=\"" + webhookPage + "?before=" + sent.get(1) + "\" rel=\"prev\"")
                .doesNotContain("rel=\"next\"");
        DashboardClient.Page older = client.get(webhookPage + "?before=" + sent.get(1));
        assertThat(older.body()).contains("id=\"delivery-" + deliveryId + "\"")
                .doesNotContain("id=\"delivery-" + sent.get(1) + "\"")
                .contains("href=\"" + webhookPage + "?after=" + deliveryId + "\" rel=\"next\"");
    }

    private List<String> pages(String appBase) {
        String integration = appBase + "/integrations/" + integrationId;
        String webhook = integration + "/webhooks/" + webhookId;
        return List.of(appBase + "/integrations", integration, integration + "/delete", webhook, webhook + "/secret",
                webhook + "/deliveries/" + deliveryId, appBase + "/switchboard");
    }

    private Map<String, Map<String, String>> forms(String appBase) {
        String integration = appBase + "/integrations/" + integrationId;
        String webhook = integration + "/webhooks/" + webhookId;
        Map<String, String> webhookFields = Map.of("target", "http://127.0.0.1:9/other",
                "triggers", "user:remove");
        Map<String, String> create = new HashMap<>(webhookFields);
        create.put("name", "Forged");
        return Map.of(appBase + "/integrations", create,
                integration + "/rename", Map.of("name", "Forged"),
                integration + "/delete", Map.of(),
                integration + "/keys", Map.of("name", "Forged key"),
                integration + "/keys/" + keyId + "/revoke", Map.of(),
                webhook, webhookFields,
                webhook + "/test", Map.of(),
                webhook + "/deliveries/" + deliveryId + "/retry", Map.of(),
                appBase + "/switchboard", Map.of("enabled", "true", "defaultSwitchboardIntegrationId", ""));
    }

    private void assertUnchanged() {
        JsonNode integrations = app.get("/integrations").json().path("integrations");
        assertThat(integrations).hasSize(1);
        assertThat(integrations.at("/0/displayName").asText()).isEqualTo("Bot");
        assertThat(integrations.at("/0/webhooks/0/target").asText()).isEqualTo(receiver.url());
        assertThat(integrations.at("/0/webhooks/0/triggers")).hasSize(1);
        assertThat(app.get("/integrations/" + integrationId + "/keys").json().path("keys")).hasSize(1);
        assertThat(app.events("webhook:test")).hasSize(1);
        JsonNode delivery = deliveries().path(0);
        assertThat(delivery.path("status").asText()).as("not sent again").isEqualTo("delivered");
        assertThat(delivery.path("attempts")).hasSize(1);
        assertThat(app.get("/switchboards").json().at("/switchboards/0/enabled").asBoolean()).isFalse();
    }

    private JsonNode deliveries() {
        return app.get("/integrations/" + integrationId + "/webhooks/" + webhookId + "/deliveries").json()
                .path("deliveries");
    }
}
