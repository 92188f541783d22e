package dev.parley.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.attachments.Media;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Exports and imports of one app, as one caller, and an app's data to move. */
record Transfers(Api api, String appId, Auth auth) {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String NDJSON = "application/x-ndjson";
    static final String TARGET = "http://127.0.0.1:9/hook";

    DataPlane data() {
        return new DataPlane(api, appId, auth);
    }

    /** The app's export, which must answer 200 NDJSON. */
    String export() {
        Response exported = api.get("/v2/apps/" + appId + "/export", auth);
        assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
        assertThat(exported.header("Content-Type")).startsWith(NDJSON);
        return exported.text();
    }

    /** The import's answer, whatever it is. */
    Response importing(String body, String query) {
        return api.send("POST", "/v2/apps/" + appId + "/import" + query, auth, NDJSON, body, Map.of());
    }

    /** The import's summary ({@code import}), which must answer 200. */
    JsonNode importOk(String body) {
        Response imported = importing(body, "");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        return imported.json().path("import");
    }

    /** The export's records but its first (app) and last (end) lines. */
    static List<ObjectNode> records(String export) {
        List<ObjectNode> records = new ArrayList<>();
        export.lines().forEach(line -> {
            try {
                ObjectNode record = (ObjectNode) JSON.readTree(line);
                if (!List.of("app", "end").contains(record.path("kind").asText())) {
                    records.add(record);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return records;
    }

    /**
     * An app worth moving: users with profiles and metadata, a personal and a group conversation with their
     * participants, messages of users and of the business, and an integration with a webhook.
     */
    /** A 1×1 PNG. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    void fill() {
        DataPlane data = data();
        String ann = data.created("/users", "{\"externalId\":\"ann\",\"signedUpAt\":\"2026-01-02T03:04:05.678Z\","
                + "\"profile\":{\"givenName\":\"Ann\",\"email\":\"ann@example.com\"},\"metadata\":{\"plan\":\"gold\"}}")
                .at("/user/id");
        String bob = data.createUser("bob");
        String personal = data.createConversation("personal", ann);
        String group = data.created("/conversations", "{\"type\":\"sdkGroup\",\"displayName\":\"Team\","
                + "\"metadata\":{\"topic\":\"launch\"},\"participants\":[" + DataPlane.participants(ann, bob) + "]}")
                .at("/conversation/id");
        data.created("/conversations/" + personal + "/messages", "{\"author\":{\"type\":\"user\",\"userId\":\""
                + ann + "\"},\"content\":{\"type\":\"text\",\"text\":\"Hello\"},\"metadata\":{\"lang\":\"en\"}}");
        // Content the server completes (an uploaded image's mediaType and mediaSize, a carousel's fallback text)
        // moves as it is.
        Response image = Media.upload(api.baseUrl(), "/v2/apps/" + appId + "/attachments?access=public", auth,
                "cat.png", "image/png", PNG);
        assertThat(image.status()).as(image.toString()).isEqualTo(201);
        data.created("/conversations/" + personal + "/messages", "{\"author\":{\"type\":\"business\","
                + "\"displayName\":\"Support\"},\"content\":{\"type\":\"image\",\"mediaUrl\":\""
                + image.at("/attachment/mediaUrl") + "\"}}");
        data.created("/conversations/" + group + "/messages", "{\"author\":{\"type\":\"user\",\"userId\":\""
                + bob + "\"},\"content\":{\"type\":\"carousel\",\"items\":[{\"title\":\"Plan S\",\"actions\":"
                + "[{\"type\":\"postback\",\"text\":\"Choose\",\"payload\":\"S\"}]},{\"title\":\"Plan L\","
                + "\"actions\":[{\"type\":\"postback\",\"text\":\"Choose\",\"payload\":\"L\"}]}]}}");
        Response integration = api.post("/v2/apps/" + appId + "/integrations", auth, "{\"type\":\"custom\","
                + "\"displayName\":\"Bot\",\"webhooks\":[{\"target\":\"" + TARGET + "\",\"triggers\":"
                + "[\"conversation:message\"],\"includeFullUser\":true}]}");
        assertThat(integration.status()).as(integration.toString()).isEqualTo(201);
    }
}
