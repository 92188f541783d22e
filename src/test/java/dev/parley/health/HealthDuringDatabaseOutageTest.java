package dev.parley.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TcpProxy;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away: {@code /health} answers 503 while it is gone, and once it is back 200 again with the
 * revocation listener listening again (its connection went with the database's).
 */
class HealthDuringDatabaseOutageTest {

    @Test
    void answers503WhilePostgresIsGoneAndReportsTheRevocationListenerBackAfterwards() throws Exception {
        try (TcpProxy proxy = new TcpProxy(5432)) {
            proxy.restore();
            Map<String, String> database = TestDatabase.POSTGRES.freshDatabase();
            String viaProxy = proxy.inFrontOf(database.get("PARLEY_DATABASE_URL"));
            try (TestServer server = new TestServer(TestDatabase.POSTGRES, Map.of("PARLEY_DATABASE_URL", viaProxy))) {
                Api api = server.api();
                awaitListener(api);

                proxy.cut();
                Response down = api.get("/health", Auth.NONE);
                assertThat(down.status()).as(down.toString()).isEqualTo(503);
                assertThat(down.errorCode()).isEqualTo("service_unavailable");
                assertThat(api.get("/health/live", Auth.NONE).status()).isEqualTo(200);

                proxy.restore();
                JsonNode back = awaitListener(api);
                assertThat(back.at("/checks/database").asText()).isEqualTo("ok");
            } finally {
                TestDatabase.dropDatabase(database);
            }
        }
    }

    private static JsonNode awaitListener(Api api) throws InterruptedException {
        return Polling.until(() -> api.get("/health", Auth.NONE),
                answer -> answer.status() == 200 && answer.at("/checks/revocationListener").equals("ok"),
                Duration.ofSeconds(30)).json();
    }
}
