package dev.parley.switchboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiTest.KeyFixture;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;

/** Requests on one app's switchboard, its integrations and its conversations' control, as one caller. */
record Switchboards(Api api, String appId, Auth auth) {
    /** A webhook target the tests' servers allow; nothing listens there. */
    static final String TARGET = "http://127.0.0.1:9/hook";

    Switchboards as(Auth other) {
        return new Switchboards(api, appId, other);
    }

    String path(String rest) {
        return "/v2/apps/" + appId + rest;
    }

    Response post(String rest, String json) {
        return api.post(path(rest), auth, json);
    }

    Response get(String rest) {
        return api.get(path(rest), auth);
    }

    Response patch(String rest, String json) {
        return api.patch(path(rest), auth, json);
    }

    Response delete(String rest) {
        return api.delete(path(rest), auth);
    }

    /** A custom integration of the app whose one webhook goes to that target; answers its id. */
    String createIntegration(String displayName, String target) {
        Response created = post("/integrations", "{\"type\":\"custom\",\"displayName\":\"" + displayName
                + "\",\"webhooks\":[{\"target\":\"" + target + "\",\"triggers\":[\"conversation:message\"]}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.at("/integration/id");
    }

    String createIntegration(String displayName) {
        return createIntegration(displayName, TARGET);
    }

    /** A custom integration whose webhook is deleted at once (an app has at most ten webhooks); answers its id. */
    String createUnhookedIntegration(String displayName) {
        String id = createIntegration(displayName);
        Response hooks = get("/integrations/" + id + "/webhooks");
        Response deleted = delete("/integrations/" + id + "/webhooks/" + hooks.at("/webhooks/0/id"));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        return id;
    }

    /** A new key of the integration. */
    KeyFixture createIntegrationKey(String integrationId) {
        Response created = post("/integrations/" + integrationId + "/keys", "{\"displayName\":\"key\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new KeyFixture(created.at("/key/id"), created.at("/key/secret"));
    }

    /** The app's switchboard, new; answers its id. */
    String createSwitchboard() {
        Response created = post("/switchboards", null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.at("/switchboard/id");
    }

    String integrationsPath(String switchboardId) {
        return "/switchboards/" + switchboardId + "/switchboardIntegrations";
    }

    /** A switchboard integration of that body; answers it. */
    JsonNode link(String switchboardId, String body) {
        Response created = post(integrationsPath(switchboardId), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("switchboardIntegration");
    }

    /** A switchboard integration of that name and integration; answers its id. */
    String link(String switchboardId, String name, String integrationId) {
        return link(switchboardId, "{\"name\":\"" + name + "\",\"integrationId\":\"" + integrationId + "\"}")
                .path("id").asText();
    }

    /** Enables the switchboard with that default. */
    void enable(String switchboardId, String defaultId) {
        Response enabled = patch("/switchboards/" + switchboardId, "{\"enabled\":true,"
                + "\"defaultSwitchboardIntegrationId\":\"" + defaultId + "\"}");
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
    }

    /** A switchboard action on the conversation; answers the response. */
    Response act(String conversationId, String action, String body) {
        return post("/conversations/" + conversationId + "/" + action, body);
    }

    /** The conversation as GET shows it. */
    JsonNode conversation(String conversationId) {
        Response read = get("/conversations/" + conversationId);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json().path("conversation");
    }

    /** The name of the conversation's active switchboard integration, or null for none. */
    String activeName(String conversationId) {
        JsonNode active = conversation(conversationId).get("activeSwitchboardIntegration");
        return active == null ? null : active.path("name").asText();
    }

    /** The name of the conversation's pending switchboard integration, or null for none. */
    String pendingName(String conversationId) {
        JsonNode pending = conversation(conversationId).get("pendingSwitchboardIntegration");
        return pending == null ? null : pending.path("name").asText();
    }
}
