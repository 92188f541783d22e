package dev.parley.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Race;
import dev.parley.testing.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The webhooks of custom integrations: shapes, triggers, targets, the per-app limit, errors and who may. */
class WebhooksApiTest extends IntegrationApiTest {
    /** Every trigger upstream documents. */
    private static final List<String> TRIGGERS = List.of("client:add", "client:remove", "client:update",
            "conversation:create", "conversation:join", "conversation:leave", "conversation:remove",
            "conversation:message", "conversation:message:delivery:channel", "conversation:message:delivery:user",
            "conversation:message:delivery:failure", "conversation:postback", "conversation:read",
            "conversation:typing", "conversation:referral", "switchboard:passControl",
            "switchboard:passControl:failure", "switchboard:offerControl", "switchboard:offerControl:failure",
            "switchboard:acceptControl", "switchboard:acceptControl:failure", "switchboard:releaseControl",
            "user:merge", "user:update", "user:remove", "passthrough:messaging");

    private String webhooks() {
        return "/" + integrationId + "/webhooks";
    }

    @Test
    void aWebhookIsCreatedListedReadChangedAndDeleted() throws Exception {
        JsonNode created = integrations.createWebhook(integrationId, "{\"target\":\"https://127.0.0.1:8443/in\","
                + "\"triggers\":[\"user:remove\",\"conversation:create\"],\"includeFullSource\":true}");
        assertThat(fieldNames(created)).containsExactly("id", "version", "target", "triggers", "secret",
                "includeFullUser", "includeFullSource");
        assertThat(created.path("version").asText()).isEqualTo("v2");
        assertThat(created.path("triggers")).isEqualTo(json("[\"user:remove\",\"conversation:create\"]"));
        assertThat(created.path("secret").asText()).matches(Integrations.SECRET);
        assertThat(created.path("includeFullUser").asBoolean()).isFalse();
        assertThat(created.path("includeFullSource").asBoolean()).isTrue();
        String id = created.path("id").asText();

        Response list = integrations.get(webhooks());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(fieldNames(list.json())).as("unpaginated").containsExactly("webhooks");
        assertThat(idsOf(list.json().path("webhooks"))).hasSize(2).endsWith(id);
        assertThat(list.json().path("webhooks").get(1)).isEqualTo(created);
        assertThat(integrations.get(webhooks() + "/" + id).json().path("webhook")).isEqualTo(created);

        Response changed = integrations.patch(webhooks() + "/" + id, "{\"target\":\"http://127.0.0.1:9000/new\","
                + "\"triggers\":[\"conversation:message\"],\"includeFullUser\":true,\"includeFullSource\":false}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode webhook = changed.json().path("webhook");
        assertThat(webhook.path("target").asText()).isEqualTo("http://127.0.0.1:9000/new");
        assertThat(webhook.path("triggers")).isEqualTo(json("[\"conversation:message\"]"));
        assertThat(webhook.path("includeFullUser").asBoolean()).isTrue();
        assertThat(webhook.path("includeFullSource").asBoolean()).isFalse();
        assertThat(webhook.path("secret").asText()).as("the secret stays").isEqualTo(created.path("secret").asText());
        Response partial = integrations.patch(webhooks() + "/" + id, "{\"includeFullSource\":true}");
        assertThat(partial.json().path("webhook").path("target").asText()).isEqualTo("http://127.0.0.1:9000/new");
        assertThat(partial.json().path("webhook").path("includeFullUser").asBoolean()).isTrue();
        assertThat(integrations.get(webhooks() + "/" + id).json().path("webhook"))
                .isEqualTo(partial.json().path("webhook"));

        assertEmptyOk(integrations.delete(webhooks() + "/" + id));
        assertError(integrations.get(webhooks() + "/" + id), 404, "not_found");
        assertError(integrations.delete(webhooks() + "/" + id), 404, "not_found");
        assertThat(integrations.get(webhooks()).json().path("webhooks")).hasSize(1);
        assertThat(audited()).containsSubsequence("webhook.create " + id + " by account_key",
                "webhook.update " + id + " by account_key", "webhook.update " + id + " by account_key",
                "webhook.delete " + id + " by account_key");
        assertThat(sealedSecret(id)).as("nothing of a deleted webhook stays").isNull();
    }

    @Test
    void theSecretIsSealedAtRest() throws Exception {
        JsonNode webhook = integrations.createWebhook(integrationId, Integrations.WEBHOOK);
        String sealed = sealedSecret(webhook.path("id").asText());
        String secret = webhook.path("secret").asText();
        assertThat(sealed).isNotBlank().doesNotContain(secret).doesNotContain(secret.substring(6, 30));
    }

    @Test
    void everyUpstreamTriggerIsAcceptedAndAnyOtherNameIsRefusedByName() {
        String all = TRIGGERS.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","));
        JsonNode webhook = integrations.createWebhook(integrationId, "{\"target\":\"" + Integrations.TARGET
                + "\",\"triggers\":[" + all + "]}");
        assertThat(webhook.path("triggers")).isEqualTo(json("[" + all + "]"));

        for (String trigger : List.of("conversation:Message", "CONVERSATION:MESSAGE", "user:delete", "*",
                "conversation:message ", "message:appUser")) {
            Response refused = integrations.post(webhooks(), "{\"target\":\"" + Integrations.TARGET
                    + "\",\"triggers\":[\"conversation:read\",\"" + trigger + "\"]}");
            assertError(refused, 400, "bad_request", trigger);
            assertThat(refused.json().path("errors").get(0).path("title").asText()).as(trigger)
                    .contains("'" + trigger + "'");
        }
        for (String triggers : List.of("[]", "\"conversation:message\"", "[5]", "null",
                "[\"conversation:read\",\"conversation:read\"]")) {
            assertError(integrations.post(webhooks(), "{\"target\":\"" + Integrations.TARGET + "\",\"triggers\":"
                    + triggers + "}"), 400, "bad_request", triggers);
        }
        String id = webhook.path("id").asText();
        assertError(integrations.patch(webhooks() + "/" + id, "{\"triggers\":[\"Conversation:read\"]}"), 400,
                "bad_request");
        assertThat(integrations.get(webhooks() + "/" + id).json().path("webhook").path("triggers"))
                .isEqualTo(json("[" + all + "]"));
        assertThat(integrations.get(webhooks()).json().path("webhooks")).hasSize(2);
    }

    @Test
    void targetsThatAreNotPublicOrNotHttpAreRefusedOnCreationAndChange() {
        String id = integrations.createWebhook(integrationId, Integrations.WEBHOOK).path("id").asText();
        for (String target : List.of("http://127.0.0.2/hook", "http://localhost.localdomain.invalid/hook",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://172.16.5.4/",
                "http://192.168.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[fc00::1]/",
                "http://[fd00::1]:8080/", "http://[fe80::1]/", "http://[::ffff:127.0.0.2]/",
                "http://[::ffff:169.254.169.254]/", "http://224.0.0.1/", "ftp://127.0.0.1/", "127.0.0.1/hook",
                "not a url", "https://user:pw@127.0.0.1/", "http:///hook", "")) {
            assertError(integrations.post(webhooks(), "{\"target\":\"" + target
                    + "\",\"triggers\":[\"conversation:message\"]}"), 400, "bad_request", target);
            assertError(integrations.patch(webhooks() + "/" + id, "{\"target\":\"" + target + "\"}"), 400,
                    "bad_request", target);
        }
        assertError(integrations.post(webhooks(), "{\"target\":5,\"triggers\":[\"conversation:message\"]}"), 400,
                "bad_request");
        assertThat(integrations.get(webhooks() + "/" + id).json().path("webhook").path("target").asText())
                .isEqualTo(Integrations.TARGET);
        assertThat(integrations.get(webhooks()).json().path("webhooks")).hasSize(2);
    }

    @Test
    void badBodiesAnswer400AndChangeNothing() {
        String id = integrations.createWebhook(integrationId, Integrations.WEBHOOK).path("id").asText();
        for (String body : List.of("{}", "{\"target\":\"" + Integrations.TARGET + "\"}",
                "{\"triggers\":[\"conversation:message\"]}",
                "{\"target\":\"" + Integrations.TARGET + "\",\"triggers\":[\"conversation:message\"],"
                        + "\"includeFullUser\":\"true\"}",
                "{\"target\":\"" + Integrations.TARGET + "\",\"triggers\":[\"conversation:message\"],"
                        + "\"version\":\"v2\"}",
                "[]")) {
            assertError(integrations.post(webhooks(), body), 400, "bad_request", body);
        }
        for (String body : List.of("{\"includeFullSource\":1}", "{\"secret\":\"whsec_mine\"}", "{\"id\":\"x\"}",
                "{\"target\":null}", "{\"triggers\":null}")) {
            assertError(integrations.patch(webhooks() + "/" + id, body), 400, "bad_request", body);
        }
        assertThat(integrations.get(webhooks()).json().path("webhooks")).hasSize(2);
    }

    @Test
    void anAppHasAtMostTenWebhooksAcrossItsIntegrationsAndADeletionFreesASlot() throws Exception {
        String second = integrations.create("Second");
        List<Response> answers = Race.of(10, i -> integrations.post("/" + (i % 2 == 0 ? integrationId : second)
                + "/webhooks", Integrations.WEBHOOK));
        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(8);
        assertThat(answers).filteredOn(answer -> answer.status() == 400).hasSize(2);
        int listed = integrations.get(webhooks()).json().path("webhooks").size()
                + integrations.get("/" + second + "/webhooks").json().path("webhooks").size();
        assertThat(listed).isEqualTo(10);
        assertError(integrations.post("", "{\"type\":\"custom\",\"webhooks\":[" + Integrations.WEBHOOK + "]}"),
                400, "bad_request");

        String oldest = integrations.get(webhooks()).json().path("webhooks").get(0).path("id").asText();
        assertEmptyOk(integrations.delete(webhooks() + "/" + oldest));
        integrations.createWebhook(second, Integrations.WEBHOOK);
    }

    @Test
    void unknownWebhooksAndThoseOfOtherIntegrationsAre404() {
        String other = integrations.create("Other");
        String theirs = integrations.get("/" + other + "/webhooks").json().path("webhooks").get(0).path("id")
                .asText();
        for (String id : List.of(theirs, "5e554d2cac66fb73a3c01871", "nope")) {
            assertError(integrations.get(webhooks() + "/" + id), 404, "not_found", id);
            assertError(integrations.patch(webhooks() + "/" + id, "{\"includeFullUser\":true}"), 404, "not_found", id);
            assertError(integrations.delete(webhooks() + "/" + id), 404, "not_found", id);
        }
        for (String missing : List.of("5e4af71a81966cfff3ef6550", "nope")) {
            String path = "/" + missing + "/webhooks";
            assertError(integrations.get(path), 404, "integration_not_found", missing);
            assertError(integrations.post(path, Integrations.WEBHOOK), 404, "integration_not_found", missing);
            assertError(integrations.get(path + "/" + theirs), 404, "integration_not_found", missing);
        }
        assertThat(integrations.get("/" + other + "/webhooks/" + theirs).json().path("webhook").path("includeFullUser")
                .asBoolean()).isFalse();
    }

    @Test
    void anIntegrationKeyManagesItsOwnIntegrationsWebhooksOnly() {
        String other = integrations.create("Other");
        String otherWebhook = integrations.get("/" + other + "/webhooks").json().path("webhooks").get(0)
                .path("id").asText();
        KeyFixture key = integrations.createKey(integrationId, "bot");
        String otherApp = createApp(account.basic(), "Other app");
        String otherAppIntegration = new Integrations(api, otherApp, account.basic()).create("Elsewhere");

        List<String> made = new ArrayList<>();
        for (Integrations as : List.of(integrations.as(key.basic()), integrations.as(key.jwt("integration")))) {
            String id = as.createWebhook(integrationId, Integrations.WEBHOOK).path("id").asText();
            made.add(id);
            assertThat(as.get(webhooks()).json().path("webhooks")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(as.get(webhooks() + "/" + id).status()).isEqualTo(200);
            assertThat(as.patch(webhooks() + "/" + id, "{\"includeFullUser\":true}").status()).isEqualTo(200);
            assertEmptyOk(as.delete(webhooks() + "/" + id));

            String others = "/" + other + "/webhooks";
            assertError(as.get(others), 403, "forbidden");
            assertError(as.post(others, Integrations.WEBHOOK), 403, "forbidden");
            assertError(as.get(others + "/" + otherWebhook), 403, "forbidden");
            assertError(as.patch(others + "/" + otherWebhook, "{\"includeFullUser\":true}"), 403, "forbidden");
            assertError(as.delete(others + "/" + otherWebhook), 403, "forbidden");
            assertError(as.get("/5e4af71a81966cfff3ef6550/webhooks"), 403, "forbidden");

            Integrations elsewhere = new Integrations(api, otherApp, as.auth());
            assertError(elsewhere.get("/" + otherAppIntegration + "/webhooks"), 404, "app_not_found");
            assertError(elsewhere.post("/" + otherAppIntegration + "/webhooks", Integrations.WEBHOOK), 404,
                    "app_not_found");
        }
        assertThat(integrations.get("/" + other + "/webhooks/" + otherWebhook).json().path("webhook")
                .path("includeFullUser").asBoolean()).isFalse();
        for (String id : made) {
            assertThat(audited()).containsSubsequence("webhook.create " + id + " by integration_key",
                    "webhook.update " + id + " by integration_key", "webhook.delete " + id + " by integration_key");
        }
    }

    @Test
    void keysOfOtherAppsAndAccountsFindNoApp() {
        String id = integrations.get(webhooks()).json().path("webhooks").get(0).path("id").asText();
        String otherApp = createApp(account.basic(), "Other app");
        AccountFixture stranger = createAccount("Stranger", null);
        for (KeyFixture outsider : List.of(createAppKey(account.basic(), otherApp, "other"),
                createAppKey(stranger.basic(), createApp(stranger.basic(), "Theirs"), "theirs"))) {
            Integrations as = integrations.as(outsider.basic());
            assertError(as.get(webhooks()), 404, "app_not_found");
            assertError(as.get(webhooks() + "/" + id), 404, "app_not_found");
            assertError(as.post(webhooks(), Integrations.WEBHOOK), 404, "app_not_found");
            assertError(as.patch(webhooks() + "/" + id, "{\"includeFullUser\":true}"), 404, "app_not_found");
            assertError(as.delete(webhooks() + "/" + id), 404, "app_not_found");
        }
        assertError(integrations.as(stranger.basic()).get(webhooks()), 404, "app_not_found");
        KeyFixture appKey = createAppKey(account.basic(), appId, "mine");
        assertThat(integrations.as(appKey.basic()).get(webhooks() + "/" + id).status()).isEqualTo(200);
    }

    private String sealedSecret(String webhookId) throws Exception {
        try (Connection connection = server.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT sealed_secret FROM webhooks WHERE app_id = ? AND id = ?")) {
            query.setString(1, appId);
            query.setString(2, webhookId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
