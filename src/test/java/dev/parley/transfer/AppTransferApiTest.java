package dev.parley.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Polling;
import dev.parley.testing.RawHttp;
import dev.parley.testing.RawResponse;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppTransferApiTest extends ApiTest {

    private static int port() {
        return URI.create(api.baseUrl()).getPort();
    }

    private static Transfers newApp(AccountFixture account, Auth auth) {
        return new Transfers(api, createApp(account.basic(), "transfer"), auth);
    }

    @Test
    void anExportImportedIntoAFreshAppOnTheOtherDatabaseHasTheSameRecords() {
        AccountFixture account = createAccount("mover", null);
        Transfers source = newApp(account, account.basic());
        source.fill();
        String export = source.export();
        List<ObjectNode> exported = Transfers.records(export);
        assertThat(exported).extracting(record -> record.path("kind").asText()).containsExactly("user", "user",
                "conversation", "conversation", "participant", "participant", "participant", "message", "message",
                "message", "integration", "webhook");
        assertThat(export).doesNotContain("whsec_").doesNotContain("\"secret\"");
        assertThat(json(export.lines().reduce((first, second) -> second).orElseThrow()))
                .isEqualTo(json("{\"kind\":\"end\",\"records\":12}"));

        TestDatabase other = database == TestDatabase.EMBEDDED ? TestDatabase.POSTGRES : TestDatabase.EMBEDDED;
        try (TestServer elsewhere = new TestServer(other)) {
            Response created = elsewhere.api().post("/admin/accounts", elsewhere.operator(),
                    "{\"displayName\":\"arrival\"}");
            Auth key = Auth.basic(created.at("/key/id"), created.at("/key/secret"));
            String appId = elsewhere.api().post("/v2/apps", key, "{\"displayName\":\"moved\"}").at("/app/id");
            Transfers target = new Transfers(elsewhere.api(), appId, key);
            JsonNode summary = target.importOk(export);
            assertThat(summary.path("refused")).as(summary.toString()).isEmpty();
            assertThat(summary.path("created").path("message").asInt()).isEqualTo(3);
            assertThat(summary.path("created").path("webhook").asInt()).isEqualTo(1);
            List<ObjectNode> imported = Transfers.records(target.export());
            assertThat(imported).hasSameSizeAs(exported);
            for (int i = 0; i < exported.size(); i++) {
                assertThat(imported.get(i)).as("record %d", i).isEqualTo(exported.get(i));
            }
            // Through the ordinary routes too: the messages, and a webhook with a fresh secret.
            String personal = exported.get(2).path("id").asText();
            Response messages = target.data().get("/conversations/" + personal + "/messages");
            assertThat(idsOf(messages.json().path("messages"))).containsExactly(exported.get(7).path("id").asText(),
                    exported.get(8).path("id").asText());
            String integrationId = exported.get(10).path("id").asText();
            Response webhooks = elsewhere.api().get("/v2/apps/" + appId + "/integrations/" + integrationId
                    + "/webhooks", key);
            assertThat(webhooks.json().at("/webhooks/0/secret").asText()).matches("^whsec_.+");
            // Configuration an import creates is in the audit log, as the caller's, like its creation by the API.
            Response audit = elsewhere.api().get("/admin/audit?filter[accountId]=" + created.at("/account/id")
                    + "&page[size]=100", elsewhere.operator());
            List<String> audited = new ArrayList<>();
            audit.json().path("events").forEach(event -> audited.add(event.path("action").asText() + " "
                    + event.path("targetId").asText() + " " + event.path("credentialId").asText()));
            assertThat(audited).contains("integration.create " + integrationId + " " + created.at("/key/id"),
                    "webhook.create " + exported.get(11).path("id").asText() + " " + created.at("/key/id"));
        }
    }

    @Test
    void anImportRunTwiceOrInterruptedAndRunAgainEndsWithOneCopy() throws Exception {
        AccountFixture account = createAccount("twice", null);
        Transfers source = newApp(account, account.basic());
        source.fill();
        String export = source.export();
        List<ObjectNode> exported = Transfers.records(export);

        Transfers twice = newApp(account, account.basic());
        twice.importOk(export);
        JsonNode again = twice.importOk(export);
        again.path("created").forEach(count -> assertThat(count.asInt()).as(again.toString()).isZero());
        assertThat(again.path("skipped").path("message").asInt()).isEqualTo(3);
        assertThat(again.path("refused")).isEmpty();
        assertThat(Transfers.records(twice.export())).isEqualTo(exported);

        Transfers interrupted = newApp(account, account.basic());
        List<String> lines = export.lines().toList();
        // The app line, both users and both conversations: then the connection closes.
        String half = String.join("\n", lines.subList(0, 5)) + "\n";
        byte[] halfBytes = half.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = RawHttp.connect(port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/apps/" + interrupted.appId() + "/import HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + account.basic().header() + "\r\nContent-Type: application/x-ndjson\r\n"
                    + "Content-Length: " + export.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(halfBytes);
            out.flush();
            // The last line sent is applied before the connection closes.
            ObjectNode lastSent = exported.get(3);
            assertThat(lastSent.path("kind").asText()).isEqualTo("conversation");
            Polling.until(() -> interrupted.data().get("/conversations/" + lastSent.path("id").asText()).status(),
                    status -> status == 200, Duration.ofSeconds(30));
        }
        JsonNode resumed = interrupted.importOk(export);
        assertThat(resumed.path("refused")).as(resumed.toString()).isEmpty();
        assertThat(resumed.path("skipped").path("user").asInt()).isEqualTo(2);
        assertThat(Transfers.records(interrupted.export())).isEqualTo(exported);
    }

    @Test
    void badLinesAreRefusedWithTheirLineNumbersAndTheRestIsImported() {
        AccountFixture account = createAccount("refusals", null);
        Transfers target = newApp(account, account.basic());
        String existing = target.data().createUser("taken");
        String unknownConversation = "5f0000000000000000000001";
        String body = String.join("\n",
                "{\"kind\":\"user\",\"id\":\"5f00000000000000000000a1\",\"externalId\":\"first\","
                        + "\"createdAt\":\"2026-01-01T00:00:00.000Z\"}",
                "{not json",
                "{\"kind\":\"robot\",\"id\":\"5f00000000000000000000a2\"}",
                "{\"kind\":\"user\",\"id\":\"" + existing + "\",\"externalId\":\"someone-else\","
                        + "\"createdAt\":\"2026-01-01T00:00:00.000Z\"}",
                "{\"kind\":\"message\",\"id\":\"5f00000000000000000000a3\",\"conversationId\":\""
                        + unknownConversation + "\",\"received\":\"2026-01-01T00:00:00.000Z\",\"author\":"
                        + "{\"type\":\"business\"},\"content\":{\"type\":\"text\",\"text\":\"x\"},\"source\":"
                        + "{\"type\":\"api:conversations\"}}",
                "",
                "{\"kind\":\"user\",\"id\":\"5f00000000000000000000a4\",\"createdAt\":\"2026-01-01T00:00:00.000Z\"}",
                "[1,2]");
        JsonNode summary = target.importOk(body);
        assertThat(summary.path("created").path("user").asInt()).isEqualTo(2);
        assertThat(summary.path("refusedCount").asInt()).isEqualTo(5);
        JsonNode refused = summary.path("refused");
        assertThat(refused.findValuesAsText("line")).containsExactly("2", "3", "4", "5", "8");
        assertThat(refused.get(0).path("reason").asText()).contains("not valid JSON");
        assertThat(refused.get(1).path("kind").asText()).isEqualTo("robot");
        assertThat(refused.get(1).path("reason").asText()).contains("kind must be one of");
        assertThat(refused.get(2).path("reason").asText()).contains("other content");
        assertThat(refused.get(3).path("reason").asText()).contains("Conversation not found");
        assertThat(refused.get(4).path("reason").asText()).contains("JSON object");
        assertThat(target.data().get("/users/first").status()).isEqualTo(200);
        assertThat(target.data().get("/users/" + existing).json().at("/user/externalId").asText()).isEqualTo("taken");
    }

    @Test
    void anImportRefusedBeforeItsBodyIsReadIsStillAnsweredInTheErrorShape() {
        AccountFixture account = createAccount("refused early", null);
        Transfers target = newApp(account, account.basic());
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 400_000; i++) {
            body.append("{\"kind\":\"user\",\"id\":\"").append(String.format("5f%022x", i))
                    .append("\",\"createdAt\":\"2026-01-01T00:00:00.000Z\"}\n");
        }
        Response wrongKey = new Transfers(api, target.appId(), Auth.basic(account.keyId(), "wrong"))
                .importing(body.toString(), "");
        assertError(wrongKey, 401, "unauthorized");
        AccountFixture other = createAccount("elsewhere", null);
        assertError(new Transfers(api, target.appId(), other.basic()).importing(body.toString(), ""), 404,
                "app_not_found");
        assertThat(Transfers.records(target.export())).as("nothing imported").isEmpty();
    }

    @Test
    void anImportOfAnotherTypeIsRefusedAndAnOversizedOneIsTooLarge() throws Exception {
        AccountFixture account = createAccount("limits", null);
        Transfers target = newApp(account, account.basic());
        Response json = api.post("/v2/apps/" + target.appId() + "/import", account.basic(), "{}");
        assertError(json, 415, "unsupported_media_type");
        assertError(target.importing("", "?events=maybe"), 400, "bad_request");

        RawResponse declared = RawHttp.send(port(), "POST /v2/apps/" + target.appId() + "/import HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: " + account.basic().header() + "\r\nContent-Type: "
                + "application/x-ndjson\r\nContent-Length: 2000000000\r\nConnection: close\r\n\r\n");
        assertThat(declared.status()).isEqualTo(413);

        try (TestServer small = new TestServer(database, Map.of("PARLEY_IMPORT_MAX_BYTES", "300"))) {
            Response created = small.api().post("/admin/accounts", small.operator(), "{\"displayName\":\"small\"}");
            Auth key = Auth.basic(created.at("/key/id"), created.at("/key/secret"));
            String appId = small.api().post("/v2/apps", key, "{\"displayName\":\"small\"}").at("/app/id");
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                body.append("{\"kind\":\"user\",\"id\":\"5f00000000000000000000b").append(i)
                        .append("\",\"createdAt\":\"2026-01-01T00:00:00.000Z\"}\n");
            }
            RawResponse tooLarge = RawHttp.send(URI.create(small.api().baseUrl()).getPort(), "POST /v2/apps/" + appId
                    + "/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + key.header() + "\r\nContent-Type: "
                    + "application/x-ndjson\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
            assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
            assertThat(tooLarge.json().at("/errors/0/code").asText()).isEqualTo("payload_too_large");
        }
    }

    @Test
    void importedMessagesKeepTheirOrderAndLaterPostsSortAfterThem() {
        AccountFixture account = createAccount("order", null);
        Transfers target = newApp(account, account.basic());
        DataPlane data = target.data();
        String user = data.createUser("order");
        String conversation = data.createConversation("personal", user);
        // An id of a later second than now (another server's clock ahead), which the next post must still follow.
        String ahead = Long.toHexString(System.currentTimeMillis() / 1000 + 3600) + "0000000000000000";
        JsonNode summary = target.importOk("{\"kind\":\"message\",\"id\":\"" + ahead + "\",\"conversationId\":\""
                + conversation + "\",\"received\":\"2020-05-06T07:08:09.010Z\",\"author\":{\"type\":\"user\","
                + "\"userId\":\"" + user + "\"},\"content\":{\"type\":\"text\",\"text\":\"from before\"},"
                + "\"source\":{\"type\":\"api:conversations\"}}\n");
        assertThat(summary.path("created").path("message").asInt()).as(summary.toString()).isEqualTo(1);
        String posted = data.created("/conversations/" + conversation + "/messages", "{\"author\":{\"type\":"
                + "\"business\"},\"content\":{\"type\":\"text\",\"text\":\"after\"}}").at("/messages/0/id");
        assertThat(posted).isGreaterThan(ahead);
        JsonNode messages = data.get("/conversations/" + conversation + "/messages").json().path("messages");
        assertThat(idsOf(messages)).containsExactly(ahead, posted);
        assertThat(messages.get(0).path("received").asText()).isEqualTo("2020-05-06T07:08:09.010Z");
    }

    @Test
    void eventsAreRecordedOnlyWhenAsked() {
        AccountFixture account = createAccount("events", null);
        Transfers source = newApp(account, account.basic());
        source.fill();
        String export = source.export();

        Transfers quiet = newApp(account, account.basic());
        quiet.importOk(export);
        assertThat(quiet.data().get("/events").json().path("events")).isEmpty();

        Transfers loud = newApp(account, account.basic());
        Response imported = loud.importing(export, "?events=true");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(loud.data().events("conversation:create")).hasSize(2);
        assertThat(loud.data().events("conversation:join")).hasSize(3);
        List<JsonNode> messages = loud.data().events("conversation:message");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).at("/payload/message/content/text").asText()).isEqualTo("Hello");
    }

    @Test
    void everyKeyThatReachesTheAppsDataExportsItAndNoKeyReachesAnotherAccountsApp() {
        AccountFixture account = createAccount("keys", null);
        AccountFixture stranger = createAccount("stranger", null);
        String appId = createApp(account.basic(), "reached");
        String otherApp = createApp(account.basic(), "beside");
        String strangersApp = createApp(stranger.basic(), "strangers");
        String sa = createServiceAccount(account.basic(), "robot");
        KeyFixture saKey = createServiceAccountKey(account.basic(), sa, "robot key");
        assertThat(api.put("/v2/serviceaccounts/" + sa + "/apps/" + appId, account.basic()).status()).isEqualTo(200);
        KeyFixture appKey = createAppKey(account.basic(), appId, "app key");
        String integration = api.post("/v2/apps/" + appId + "/integrations", account.basic(), "{\"type\":\"custom\","
                + "\"webhooks\":[{\"target\":\"" + Transfers.TARGET + "\",\"triggers\":[\"conversation:message\"]}]}")
                .at("/integration/id");
        Response intKey = api.post("/v2/apps/" + appId + "/integrations/" + integration + "/keys", account.basic(),
                "{\"displayName\":\"int key\"}");
        Auth integrationKey = Auth.basic(intKey.at("/key/id"), intKey.at("/key/secret"));
        String line = "{\"kind\":\"user\",\"id\":\"5f00000000000000000000c1\","
                + "\"createdAt\":\"2026-01-01T00:00:00.000Z\"}";

        for (Auth auth : List.of(account.basic(), account.jwt(), saKey.basic(), appKey.basic(), integrationKey)) {
            List<String> kinds = Transfers.records(new Transfers(api, appId, auth).export()).stream()
                    .map(record -> record.path("kind").asText()).toList();
            // An integration key reads no integrations through the API (nor their webhooks but its own): nor here.
            assertThat(kinds).as(auth.toString()).containsExactlyElementsOf(auth == integrationKey
                    ? List.of() : List.of("integration", "webhook"));
            assertError(api.get("/v2/apps/" + strangersApp + "/export", auth), 404, "app_not_found");
            assertError(new Transfers(api, strangersApp, auth).importing(line, ""), 404, "app_not_found");
        }
        for (Auth auth : List.of(saKey.basic(), appKey.basic(), integrationKey)) {
            assertError(api.get("/v2/apps/" + otherApp + "/export", auth), 404, "app_not_found");
        }
        for (Auth auth : List.of(account.basic(), saKey.basic(), appKey.basic())) {
            assertThat(new Transfers(api, appId, auth).importOk(line).path("refused")).isEmpty();
        }
        assertThat(new Transfers(api, appId, integrationKey).importing(line, "").status()).isEqualTo(403);
        assertError(api.get("/v2/apps/" + appId + "/export", Auth.NONE), 401, "unauthorized");
    }

    @Test
    void anExportIsOneSnapshotWhateverIsWrittenWhileItRuns() throws Exception {
        AccountFixture account = createAccount("snapshot", null);
        Transfers app = newApp(account, account.basic());
        DataPlane data = app.data();
        String user = data.createUser("reader");
        String conversation = data.createConversation("personal", user);
        // Far more than the sockets between server and client hold, so the export is still reading messages
        // while the client, reading slowly, makes its changes.
        String text = "x".repeat(3000);
        long second = System.currentTimeMillis() / 1000 - 3600;
        for (int batch = 0; batch < 4; batch++) {
            StringBuilder body = new StringBuilder();
            for (int i = batch * 500; i < (batch + 1) * 500; i++) {
                body.append("{\"kind\":\"message\",\"id\":\"").append(String.format("%08x%016x", second, i))
                        .append("\",\"conversationId\":\"").append(conversation).append("\",\"received\":"
                                + "\"2026-01-01T00:00:00.000Z\",\"author\":{\"type\":\"business\"},\"content\":"
                                + "{\"type\":\"text\",\"text\":\"").append(text).append("\"},\"source\":"
                                + "{\"type\":\"api:conversations\"}}\n");
            }
            assertThat(app.importOk(body.toString()).path("created").path("message").asInt()).isEqualTo(500);
        }

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port()));
            socket.getOutputStream().write(("GET /v2/apps/" + app.appId() + "/export HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + account.basic().header() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            ChunkedReader export = new ChunkedReader(socket.getInputStream());
            int readBefore = export.readUntil("\"kind\":\"message\"").length();

            data.createUser("written-during-the-export");
            data.created("/conversations/" + conversation + "/messages", "{\"author\":{\"type\":\"business\"},"
                    + "\"content\":{\"type\":\"text\",\"text\":\"posted during the export\"}}");
            assertThat(api.post("/v2/apps/" + app.appId() + "/integrations", account.basic(), "{\"type\":\"custom\","
                    + "\"displayName\":\"added during the export\",\"webhooks\":[{\"target\":\"" + Transfers.TARGET
                    + "\",\"triggers\":[\"conversation:message\"]}]}").status()).isEqualTo(201);

            String whole = export.readAll();
            assertThat(whole.length()).isGreaterThan(10 * readBefore).isGreaterThan(6_000_000);
            assertThat(whole).doesNotContain("written-during-the-export", "posted during the export",
                    "added during the export");
            List<ObjectNode> records = Transfers.records(whole);
            assertThat(records).filteredOn(record -> record.path("kind").asText().equals("message")).hasSize(2000);
        }
        assertThat(app.export()).contains("written-during-the-export", "posted during the export",
                "added during the export");
    }
}
