package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TcpProxy;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** PostgreSQL going away and coming back, while Parley serves and while it starts. */
class DatabaseFaultsTest {

    @Test
    void answers503FastWhilePostgresIsGoneAndRecoversByItself() throws Exception {
        try (TcpProxy proxy = new TcpProxy(5432)) {
            proxy.restore();
            Map<String, String> database = TestDatabase.POSTGRES.freshDatabase();
            String viaProxy = proxy.inFrontOf(database.get("PARLEY_DATABASE_URL"));
            try (TestServer server = new TestServer(TestDatabase.POSTGRES, Map.of("PARLEY_DATABASE_URL", viaProxy))) {
                Api api = server.api();
                Response account = api.post("/admin/accounts", server.operator(), "{\"displayName\":\"Outage\"}");
                Auth key = Auth.basicOfCreatedKey(account);
                String appId = api.post("/v2/apps", key, "{\"displayName\":\"Before\"}").at("/app/id");

                proxy.cut();
                long start = System.nanoTime();
                Response read = api.get("/v2/apps/" + appId, key);
                assertThat(read.status()).as(read.toString()).isEqualTo(503);
                assertThat(read.errorCode()).isEqualTo("service_unavailable");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast, within the pool's timeout")
                        .isLessThan(Duration.ofSeconds(6));
                assertThat(api.post("/v2/apps", key, "{\"displayName\":\"During\"}").status()).isEqualTo(503);
                Response health = api.get("/health", Auth.NONE);
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.errorCode()).isEqualTo("service_unavailable");
                assertThat(api.get("/health/live", Auth.NONE).status()).isEqualTo(200);
                Response headHealth = api.send("HEAD", "/health", Auth.NONE, null, null, Map.of());
                assertThat(headHealth.status()).as("HEAD checks the database too").isEqualTo(503);
                assertThat(headHealth.header("Content-Type")).startsWith("application/json");
                assertThat(headHealth.text()).isEmpty();
                assertThat(api.send("HEAD", "/health/live", Auth.NONE, null, null, Map.of()).status()).isEqualTo(200);

                proxy.restore();
                assertThat(eventually(() -> api.get("/health", Auth.NONE).status())).isEqualTo(200);
                assertThat(eventually(() -> api.get("/v2/apps/" + appId, key).status())).isEqualTo(200);
                assertThat(api.post("/v2/apps", key, "{\"displayName\":\"After\"}").status()).isEqualTo(201);
                assertThat(api.get("/v2/apps", key).json().path("apps")).hasSize(2);
            } finally {
                TestDatabase.dropDatabase(database);
            }
        }
    }

    @Test
    void givesUpAtStartAfterItsTimeoutNamingTheUrlButNeverThePassword() throws Exception {
        try (TcpProxy closed = new TcpProxy(5432)) {
            String url = "jdbc:postgresql://127.0.0.1:" + closed.port() + "/test";
            Map<String, String> env = environment(url);
            env.put("PARLEY_DATABASE_PASSWORD", "do-not-print-this-password");
            env.put("PARLEY_DATABASE_STARTUP_TIMEOUT", "2");
            try (ParleyProcess parley = ParleyProcess.start(env)) {
                assertThat(parley.awaitExit(Duration.ofSeconds(30))).isNotZero();
                assertThat(parley.output())
                        .contains("cannot reach the PostgreSQL at " + url)
                        .doesNotContain("do-not-print-this-password")
                        .doesNotContain("\tat ");
            }
        }
    }

    @Test
    void startsOncePostgresComesUpWithinItsTimeout() throws Exception {
        try (TcpProxy late = new TcpProxy(5432)) {
            Map<String, String> database = TestDatabase.POSTGRES.freshDatabase();
            Map<String, String> env = environment(late.inFrontOf(database.get("PARLEY_DATABASE_URL")));
            env.put("PARLEY_DATABASE_STARTUP_TIMEOUT", "30");
            try (ParleyProcess parley = ParleyProcess.start(env)) {
                // Back only once Parley has found it missing and said it waits.
                Polling.until(parley::output, output -> output.contains("waiting for the PostgreSQL"),
                        Duration.ofSeconds(30));
                late.restore();
                Api api = parley.awaitReady();
                assertThat(api.get("/health", Auth.NONE).status()).isEqualTo(200);
                assertThat(parley.output()).contains("waiting for the PostgreSQL");
            } finally {
                late.restore();
                TestDatabase.dropDatabase(database);
            }
        }
    }

    private static Map<String, String> environment(String url) throws Exception {
        return ParleyProcess.environment(TestDatabase.postgresAt(url), "faults-operator-token-0123456789");
    }

    /** Polls for up to 15 s until the status is below 500. */
    private static int eventually(Supplier<Integer> status) throws InterruptedException {
        return Polling.until(status, answer -> answer < 500, Duration.ofSeconds(15));
    }
}
