package dev.parley.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ProcessTest;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AppTransferProcessTest extends ProcessTest {
    private static final int MESSAGES = 100_000;

    /** An account's key and one app of it, made through the API of a running server. */
    private record Made(Auth key, String keyId, String secret, String appId) {
    }

    private static Made accountWithApp(Api api) {
        Response account = api.post("/admin/accounts", Auth.bearer(OPERATOR_TOKEN), "{\"displayName\":\"big\"}");
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        Auth key = Auth.basic(account.at("/key/id"), account.at("/key/secret"));
        String appId = api.post("/v2/apps", key, "{\"displayName\":\"big\"}").at("/app/id");
        return new Made(key, account.at("/key/id"), account.at("/key/secret"), appId);
    }

    @Test
    void aHundredThousandMessagesAreExportedByAServerWithASmallHeap() throws Exception {
        Made made;
        String conversation;
        try (ParleyProcess server = ParleyProcess.start(env)) {
            made = accountWithApp(server.awaitReady());
            Transfers app = new Transfers(server.awaitReady(), made.appId(), made.key());
            conversation = app.data().createConversation("personal", app.data().createUser("many"));
            assertThat(server.stop()).isZero();
        }
        String appId = made.appId();
        // Filled in the database directly: 100,000 posts through the API would take minutes.
        // Both name the numbers' column X, quoted so that neither database changes its case.
        String range = database == TestDatabase.POSTGRES ? "generate_series(1, " + MESSAGES + ") AS \"X\""
                : "SYSTEM_RANGE(1, " + MESSAGES + ")";
        try (Connection connection = TestDatabase.connect(env, Path.of(env.get("PARLEY_DATA_DIR")));
             PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (app_id, conversation_id, "
                     + "id, received, author, content, source) SELECT ?, ?, "
                     + "'a' || LPAD(CAST(\"X\" AS VARCHAR), 23, '0'), CURRENT_TIMESTAMP, '{\"type\":\"business\"}', "
                     + "'{\"type\":\"text\",\"text\":\"message ' || CAST(\"X\" AS VARCHAR) || ' " + "y".repeat(500)
                     + "\"}', '{\"type\":\"api:conversations\"}' FROM " + range)) {
            insert.setString(1, appId);
            insert.setString(2, conversation);
            assertThat(insert.executeUpdate()).isEqualTo(MESSAGES);
        }

        try (ParleyProcess small = ParleyProcess.start(env, List.of("-Xmx64m"))) {
            Api api = small.awaitReady();
            HttpResponse<java.io.InputStream> export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(api.baseUrl() + "/v2/apps/" + appId + "/export"))
                    .header("Authorization", made.key().header()).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(export.statusCode()).isEqualTo(200);
            long messages = 0;
            long bytes = 0;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(export.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    bytes += line.length() + 1;
                    JsonNode record = Transfers.JSON.readTree(line);
                    if (record.path("kind").asText().equals("message")) {
                        assertThat(record.path("conversationId").asText()).isEqualTo(conversation);
                        messages++;
                    }
                }
            }
            assertThat(messages).isEqualTo(MESSAGES);
            assertThat(bytes).as("an export larger than the server's heap").isGreaterThan(64L * 1024 * 1024);
            assertThat(small.output()).doesNotContain("OutOfMemoryError");
        }
    }

    @Test
    void theCommandLineExportsAnAppToAFileAndImportsItIntoAnother() throws Exception {
        // The app's webhook targets a loopback address, as in every test.
        env.put("PARLEY_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.1/32");
        try (ParleyProcess server = ParleyProcess.start(env)) {
            Api api = server.awaitReady();
            Made made = accountWithApp(api);
            Transfers source = new Transfers(api, made.appId(), made.key());
            source.fill();
            Map<String, String> cli = new HashMap<>(env);
            cli.put("PARLEY_URL", api.baseUrl());
            cli.put("PARLEY_KEY_SECRET", made.secret());
            Path file = Files.createTempFile("app-", ".ndjson");
            assertThat(run(cli, null, file, "apps", "export", made.appId(), "--key-id", made.keyId())).isZero();
            assertThat(Transfers.records(Files.readString(file))).isEqualTo(Transfers.records(source.export()));

            String target = api.post("/v2/apps", made.key(), "{\"displayName\":\"copy\"}").at("/app/id");
            Path summary = Files.createTempFile("summary-", ".json");
            assertThat(run(cli, file, summary, "apps", "import", target, "--key-id", made.keyId())).isZero();
            assertThat(Transfers.JSON.readTree(summary.toFile()).at("/import/created/message").asInt()).isEqualTo(3);
            assertThat(Transfers.records(new Transfers(api, target, made.key()).export()))
                    .isEqualTo(Transfers.records(source.export()));

            cli.remove("PARLEY_KEY_SECRET");
            assertThat(run(cli, null, file, "apps", "export", made.appId(), "--key-id", made.keyId())).isOne();
        }
    }

    /** Runs {@code parley ARGS} with standard input from a file (or none) and standard output to a file. */
    private static int run(Map<String, String> env, Path in, Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "dev.parley.Parley"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (in != null) {
            builder.redirectInput(in.toFile());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
