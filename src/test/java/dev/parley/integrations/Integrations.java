package dev.parley.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiTest.KeyFixture;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;

/** Requests on one app's integrations, their keys and webhooks, as one caller. */
record Integrations(Api api, String appId, Auth auth) {
    /** A target the tests' servers allow (PARLEY_WEBHOOK_ALLOWED_NETWORKS lists 127.0.0.1/32); nothing listens. */
    static final String TARGET = "http://127.0.0.1:9/hook";
    static final String WEBHOOK = "{\"target\":\"" + TARGET + "\",\"triggers\":[\"conversation:message\"]}";
    static final String SECRET = "^whsec_[A-Za-z0-9+/]{43}=$";

    Integrations as(Auth other) {
        return new Integrations(api, appId, other);
    }

    String path(String rest) {
        return "/v2/apps/" + appId + "/integrations" + rest;
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

    /** A custom integration with one webhook of that body; answers the integration. */
    JsonNode create(String displayName, String webhook) {
        Response created = post("", "{\"type\":\"custom\",\"displayName\":\"" + displayName + "\",\"webhooks\":["
                + webhook + "]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("integration");
    }

    /** A custom integration with the default webhook; answers its id. */
    String create(String displayName) {
        return create(displayName, WEBHOOK).path("id").asText();
    }

    /** A new webhook of the integration; answers it. */
    JsonNode createWebhook(String integrationId, String body) {
        Response created = post("/" + integrationId + "/webhooks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("webhook");
    }

    /** A new key of the integration. */
    KeyFixture createKey(String integrationId, String name) {
        Response created = post("/" + integrationId + "/keys", "{\"displayName\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new KeyFixture(created.at("/key/id"), created.at("/key/secret"));
    }

    /** The ids of the app's integrations (one page of up to 100, enough for one test's app). */
    List<String> allIds() {
        List<String> ids = new ArrayList<>();
        Response page = get("?page[size]=100");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        page.json().path("integrations").forEach(integration -> ids.add(integration.path("id").asText()));
        return ids;
    }

    /** The account's audit log, oldest first, as "action targetId by actor". */
    static List<String> audited(Api api, Auth operator, String accountId) {
        Response page = api.get("/admin/audit?filter[accountId]=" + accountId + "&page[size]=100", operator);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        page.json().path("events").forEach(event -> entries.add(event.path("action").asText() + " "
                + event.path("targetId").asText() + " by " + event.path("actor").asText()));
        return entries;
    }
}
