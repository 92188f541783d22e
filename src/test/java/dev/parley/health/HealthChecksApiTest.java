package dev.parley.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /health}'s checks as monitoring reads them; {@code /health/live} as before. */
class HealthChecksApiTest extends ApiTest {

    @Test
    void reportsTheDatabaseTheRevocationListenerAndTheWebhookBacklog() throws Exception {
        String listener = database == TestDatabase.POSTGRES ? "ok" : "not used";
        // The listener connects in the background once the server is up.
        JsonNode health = Polling.until(() -> api.get("/health", Auth.NONE).json(),
                body -> body.at("/checks/revocationListener").asText().equals(listener), Duration.ofSeconds(15));
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("checks").properties()).extracting(Map.Entry::getKey)
                .containsExactly("database", "revocationListener", "webhookBacklog");
        assertThat(health.at("/checks/database").asText()).isEqualTo("ok");
        assertThat(health.at("/checks/webhookBacklog").asText()).isEqualTo("ok");

        Response head = api.send("HEAD", "/health", Auth.NONE, null, null, Map.of());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.text()).isEmpty();
        Response live = api.get("/health/live", Auth.NONE);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.text()).as("liveness touches nothing else").isEqualTo("{\"status\":\"ok\"}");
    }
}
