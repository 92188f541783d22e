package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.config.ParleyConfig;
import dev.parley.store.Database;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Polling;
import dev.parley.testing.ProcessTest;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PARLEY_LOG_FORMAT=json: a server process prints one JSON object per line, a request's line with its request id,
 * method, route template, status and duration as fields, and a background job's line with what it was doing.
 */
class JsonLogTest extends ProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineIsAJsonObjectWithTheRequestsAndTheJobsFields() throws Exception {
        env.put("PARLEY_LOG_FORMAT", "json");
        env.put("PARLEY_PURGE_INTERVAL", "1");
        anExpiredIdempotencyKeyForThePurgeToDelete();
        List<JsonNode> lines;
        try (ParleyProcess parley = ParleyProcess.start(env)) {
            Api api = parley.awaitReady();
            assertThat(api.send("POST", "/admin/accounts", Auth.bearer(OPERATOR_TOKEN), "application/json",
                    "{\"displayName\":\"Logged as JSON\"}", Map.of("X-Request-Id", "json-log-request-1")).status())
                    .isEqualTo(201);
            Polling.until(parley::output, output -> output.contains("purge:expired-idempotency-keys"),
                    Duration.ofSeconds(30));
            assertThat(parley.stop()).isZero();
            lines = parley.output().lines().map(JsonLogTest::parse).toList();
        }

        assertThat(lines).allSatisfy(line -> assertThat(line.has("time") && line.has("level") && line.has("logger")
                && line.has("message")).as(line.toString()).isTrue());
        JsonNode request = lines.stream().filter(line -> line.path("requestId").asText().equals("json-log-request-1"))
                .filter(line -> line.has("route")).findFirst().orElseThrow();
        assertThat(request.path("method").asText()).isEqualTo("POST");
        assertThat(request.path("route").asText()).isEqualTo("/admin/accounts");
        assertThat(request.path("status").isInt() && request.path("status").asInt() == 201).isTrue();
        assertThat(request.path("durationMs").isNumber()).isTrue();
        assertThat(request.path("level").asText()).isEqualTo("INFO");
        assertThat(Instant.parse(request.path("time").asText())).isBefore(Instant.now());
        JsonNode purge = lines.stream().filter(line -> line.path("job").asText()
                .equals("purge:expired-idempotency-keys")).findFirst().orElseThrow();
        assertThat(purge.path("message").asText()).isEqualTo("purge: deleted 1 rows of expired idempotency keys");
        assertThat(purge.path("logger").asText()).isEqualTo("dev.parley.purge.Purges");
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode parsed = JSON.readTree(line);
            assertThat(parsed.isObject()).as(line).isTrue();
            return parsed;
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }

    /** Written before the server starts, on a schema migrated here: the embedded database has one user at a time. */
    private void anExpiredIdempotencyKeyForThePurgeToDelete() throws Exception {
        ParleyConfig config = ParleyConfig.from(env);
        try (Database schema = Database.connect(config)) {
            schema.prepare(config);
        }
        try (Connection connection = TestDatabase.connect(env, Path.of(env.get("PARLEY_DATA_DIR")));
             PreparedStatement insert = connection.prepareStatement("INSERT INTO idempotency_keys (account_id, "
                     + "route, idempotency_key, body_digest, created_at) VALUES ('000000000000000000000000', "
                     + "'POST /v2/apps', 'expired', 'digest', ?)")) {
            insert.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofDays(2))));
            insert.executeUpdate();
        }
    }
}
