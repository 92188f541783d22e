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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away: {@code /health} answers 503 while it is gone, and once it is back 200 again with the
 * revocation listener listening again (its connection went with the database's). The listener's connection alone
 * going away: still 200, with the listener reported {@code reconnecting} until it listens again.
 */
class HealthDuringDatabaseOutageTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(30);

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

    @Test
    void reportsTheRevocationListenerReconnectingWhileItsConnectionIsGoneWithoutA503() throws Exception {
        try (TestServer server = new TestServer(TestDatabase.POSTGRES)) {
            Api api = server.api();
            awaitListener(api);
            String url = server.env().get("PARLEY_DATABASE_URL");
            String applicationName = url.replaceAll(".*ApplicationName=([^&]+).*", "$1");
            // Ended again and again, the listener's connection is down most of the time, each time for a second.
            Response reconnecting = Polling.until(() -> {
                endListenerConnection(applicationName);
                return api.get("/health", Auth.NONE);
            }, answer -> answer.at("/checks/revocationListener").equals("reconnecting"), PROMPTLY);
            assertThat(reconnecting.status()).as("only the database makes /health 503").isEqualTo(200);
            assertThat(awaitListener(api).at("/checks/revocationListener").asText()).isEqualTo("ok");
        }
    }

    private static void endListenerConnection(String applicationName) {
        try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRES_URL,
                TestDatabase.POSTGRES_USER, "");
             PreparedStatement end = connection.prepareStatement("SELECT pg_terminate_backend(pid) "
                     + "FROM pg_stat_activity WHERE application_name = ? AND query LIKE 'LISTEN %'")) {
            end.setString(1, applicationName);
            end.executeQuery().close();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode awaitListener(Api api) throws InterruptedException {
        return Polling.until(() -> api.get("/health", Auth.NONE),
                answer -> answer.status() == 200 && answer.at("/checks/revocationListener").equals("ok"),
                PROMPTLY).json();
    }
}
