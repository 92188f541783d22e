package dev.parley.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.webhooks.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} on a server with no metrics token (open), read by a Prometheus parser: its series move as
 * requests and webhook deliveries happen, and the pool's and the JVM's are there.
 */
class MetricsApiTest extends ApiTest {
    private static final String REQUESTS = "parley_http_server_requests_seconds";

    @Test
    void requestsAreCountedByTheirRouteTemplateAndNeverByTheirPath() {
        AccountFixture account = createAccount("Measured", null);
        String appId = createApp(account.basic(), "Measured app");
        Scrape before = Scrape.of(api.baseUrl());

        assertThat(api.get("/v2/apps/" + appId, account.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + appId, Auth.basic(account.keyId(), "wrong")).status()).isEqualTo(401);
        assertThat(api.get("/no/such/route/" + appId, null).status()).isEqualTo(404);

        Scrape after = Scrape.of(api.baseUrl());
        assertThat(moved(before, after, REQUESTS, "method", "GET", "route", "/v2/apps/{appId}", "status", "200"))
                .isEqualTo(1);
        assertThat(moved(before, after, REQUESTS, "method", "GET", "route", "/v2/apps/{appId}", "status", "401"))
                .isEqualTo(1);
        assertThat(moved(before, after, REQUESTS, "route", "unmatched", "status", "404")).isEqualTo(1);
        assertThat(after.labelValues()).as("no id in a label").noneMatch(value -> value.contains(appId));
        assertThat(after.families().get(REQUESTS).getMetric(0).getHistogram().getBucketList())
                .as("a few fixed latency buckets").hasSizeBetween(5, 15);
    }

    @Test
    void aWebhookDeliveryMovesTheDeliveryCountersAndItsLatencyAndEventsAreCountedByType() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            AccountFixture account = createAccount("Delivered", null);
            DataPlane app = new DataPlane(api, createApp(account.basic(), "Delivering"), account.basic());
            app.created("/integrations", "{\"type\":\"custom\",\"webhooks\":[{\"target\":\"" + receiver.url()
                    + "\",\"triggers\":[\"conversation:message\"]}]}");
            String conversation = app.createConversation("personal", app.createUser("measured-user"));
            Scrape before = Scrape.of(api.baseUrl());

            app.created("/conversations/" + conversation + "/messages", "{\"author\":{\"type\":\"business\"},"
                    + "\"content\":{\"type\":\"text\",\"text\":\"measured\"}}");
            receiver.await(1, Duration.ofSeconds(30));

            Scrape after = Polling.until(() -> Scrape.of(api.baseUrl()),
                    scrape -> moved(before, scrape, "parley_webhook_attempts_total", "outcome", "delivered") >= 1
                            && moved(before, scrape, "parley_webhook_delivery_latency_seconds") >= 1,
                    Duration.ofSeconds(30));
            assertThat(moved(before, after, "parley_events_recorded_total", "type", "conversation:message"))
                    .isEqualTo(1);
            assertThat(after.value("parley_webhook_attempts_total", "outcome", "given_up")).isZero();
            assertThat(after.series("parley_webhook_attempts_total")).extracting(labels -> labels.get("outcome"))
                    .containsExactlyInAnyOrder("delivered", "retry", "given_up");
            for (String backlog : new String[] {"parley_webhook_deliveries_due", "parley_webhook_deliveries_overdue",
                    "parley_webhook_oldest_due_age_seconds"}) {
                assertThat(after.has(backlog)).as(backlog).isTrue();
            }
        }
    }

    @Test
    void thePoolTheCachesAndTheJvmAreMeasured() {
        AccountFixture account = createAccount("Cached", null);
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/v2/apps", account.basic()).status()).isEqualTo(200);
        }
        Scrape scrape = Scrape.of(api.baseUrl());

        assertThat(scrape.value("hikaricp_connections_max", "pool", "parley")).isEqualTo(16);
        for (String pool : new String[] {"hikaricp_connections_active", "hikaricp_connections_idle",
                "hikaricp_connections_pending", "hikaricp_connections_acquire_seconds",
                "hikaricp_connections_timeout_total"}) {
            assertThat(scrape.series(pool)).as(pool).contains(Map.of("pool", "parley"));
        }
        assertThat(scrape.value("cache_gets_total", "cache", "credentials", "result", "hit")).isPositive();
        assertThat(scrape.value("cache_gets_total", "cache", "credentials", "result", "miss")).isPositive();
        assertThat(scrape.has("cache_gets_total") && scrape.series("cache_gets_total").stream()
                .anyMatch(labels -> "apps".equals(labels.get("cache"))))
                .as("apps are cached on the embedded database only").isEqualTo(database == TestDatabase.EMBEDDED);
        for (String jvm : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads",
                "jvm_gc_memory_allocated_bytes_total", "jvm_classes_loaded_classes", "process_cpu_usage",
                "process_uptime_seconds"}) {
            assertThat(scrape.has(jvm)).as(jvm).isTrue();
        }
    }

    @Test
    void withoutATokenTheTextFormatIsServedToAnyoneAndReadsAsPrometheusReadsIt() throws Exception {
        AccountFixture account = createAccount("Read as text", null);
        DataPlane app = new DataPlane(api, createApp(account.basic(), "Text"), account.basic());
        String user = app.createUser("text-reader");
        double before = counter(textFamilies(), "parley_events_recorded_total", "type", "conversation:create");
        app.createConversation("personal", user);

        Response text = api.get("/metrics", null);
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        JsonNode families = TextFormat.parse(text.text());
        assertThat(counter(families, "parley_events_recorded_total", "type", "conversation:create"))
                .isEqualTo(before + 1);
        assertThat(counter(families, REQUESTS + "_max", "route", "/v2/apps/{appId}/conversations"))
                .as("the slowest recent conversation creation, labelled by its route template").isPositive();
        for (JsonNode family : families) {
            String name = family.path("name").asText();
            assertThat(family.path("type").asText()).as(name + "'s type")
                    .isIn("COUNTER", "GAUGE", "HISTOGRAM", "SUMMARY");
            for (JsonNode metric : family.path("metrics")) {
                List<String> values = new ArrayList<>();
                if (metric.has("value")) {
                    values.add(metric.path("value").asText());
                }
                metric.path("buckets").forEach(value -> values.add(value.asText()));
                metric.path("quantiles").forEach(value -> values.add(value.asText()));
                for (String part : new String[] {"count", "sum"}) {
                    if (metric.has(part)) {
                        values.add(metric.path(part).asText());
                    }
                }
                assertThat(values).as(name + " " + metric).isNotEmpty()
                        .allSatisfy(value -> assertThat(Double.parseDouble(value)).isNotNull());
                metric.path("labels").forEach(label -> assertThat(label.asText()).doesNotContain(app.appId()));
            }
        }

        Response openMetrics = api.send("GET", "/metrics", null, null, null,
                Map.of("Accept", "application/openmetrics-text; version=1.0.0"));
        assertThat(openMetrics.header("Content-Type")).startsWith("application/openmetrics-text");
        assertThat(openMetrics.text()).endsWith("# EOF\n");
    }

    private static JsonNode textFamilies() throws Exception {
        return TextFormat.parse(api.get("/metrics", null).text());
    }

    /** The value of the counter or gauge with that label in a parsed text scrape; 0 when there is none. */
    private static double counter(JsonNode families, String family, String label, String value) {
        for (JsonNode parsed : families) {
            if (parsed.path("name").asText().equals(family)) {
                for (JsonNode metric : parsed.path("metrics")) {
                    if (metric.path("labels").path(label).asText().equals(value)) {
                        return Double.parseDouble(metric.path("value").asText());
                    }
                }
            }
        }
        return 0;
    }

    /** How much the series matching the labels moved between two scrapes. */
    static double moved(Scrape before, Scrape after, String family, String... labels) {
        return after.value(family, labels) - before.value(family, labels);
    }
}
