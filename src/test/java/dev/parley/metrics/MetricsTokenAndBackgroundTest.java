package dev.parley.metrics;

import static dev.parley.metrics.MetricsApiTest.moved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /metrics} behind PARLEY_METRICS_TOKEN, on a server that runs its purges every second and holds each key to
 * 5 requests a second and each address to 10: the token is required, and refusals and purge runs move their series.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class MetricsTokenAndBackgroundTest {
    private static final String TOKEN = "metrics-token-0123456789abcdef";
    private static TestServer server;
    private static Api api;

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase database) {
        server = new TestServer(database, Map.of("PARLEY_METRICS_TOKEN", TOKEN, "PARLEY_PURGE_INTERVAL", "1",
                "PARLEY_RATE_LIMITS", "on", "PARLEY_RATE_LIMIT_CREDENTIAL", "5", "PARLEY_RATE_LIMIT_ADDRESS", "10"));
        api = server.api();
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        server.close();
    }

    private static Scrape scrape() {
        return Scrape.of(api.baseUrl(), TOKEN);
    }

    @Test
    void theTokenIsRequired() {
        for (Auth refused : new Auth[] {null, Auth.bearer("not-the-metrics-token"), Auth.basic("metrics", TOKEN)}) {
            Response answer = api.get("/metrics", refused);
            assertThat(answer.status()).as(String.valueOf(refused)).isEqualTo(401);
            assertThat(answer.errorCode()).isEqualTo("unauthorized");
            assertThat(answer.text()).doesNotContain("parley_");
        }
        assertThat(scrape().has("parley_http_server_requests_seconds")).isTrue();
    }

    @Test
    void refusalsAreCountedAndARequestRefusedBeforeItsRouteIsLabelledByIt() {
        Response account = api.post("/admin/accounts", server.operator(), "{\"displayName\":\"Refused\"}");
        Auth key = Auth.basic(account.at("/key/id"), account.at("/key/secret"));
        Scrape before = scrape();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            statuses.add(api.get("/v2/apps/" + account.at("/account/id"), key).status());
        }

        Scrape after = scrape();
        long refused = statuses.stream().filter(status -> status == 429).count();
        assertThat(refused).as("a burst of 60 against 5 a second per key and 10 per address").isPositive();
        assertThat(moved(before, after, "parley_rate_limit_refusals_total", "limit", "credential")
                + moved(before, after, "parley_rate_limit_refusals_total", "limit", "address"))
                .isEqualTo(refused);
        assertThat(moved(before, after, "parley_rate_limit_refusals_total", "limit", "address"))
                .as("the address's limit, checked before any route runs").isPositive();
        assertThat(moved(before, after, "parley_http_server_requests_seconds", "route", "/v2/apps/{appId}",
                "status", "429")).isEqualTo(refused);
    }

    @Test
    void aPurgeRunMovesThePurgeSeries() throws Exception {
        Scrape before = scrape();
        try (Connection connection = server.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO idempotency_keys (account_id, route, idempotency_key, body_digest, created_at) "
                        + "VALUES ('000000000000000000000000', 'POST /v2/apps', 'expired', 'digest', ?)")) {
            insert.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofDays(2))));
            insert.executeUpdate();
        }

        // A run counts itself when it ends, its rows as it deletes them: the run that deleted the row may still be
        // going on at the first scrape that shows the row, so wait for both.
        Scrape after = Polling.until(MetricsTokenAndBackgroundTest::scrape, scrape -> moved(before, scrape,
                "parley_purge_rows_deleted_total", "job", "expired-idempotency-keys") == 1
                && moved(before, scrape, "parley_purge_runs_total") > 0, Duration.ofSeconds(30));
        assertThat(moved(before, after, "parley_purge_runs_total")).isPositive();
        assertThat(after.value("parley_purge_last_run_timestamp_seconds"))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30.0));
    }
}
