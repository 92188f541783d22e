package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /health}'s webhookBacklog: a receiver that never answers holds its webhook's share of attempts, so its other
 * due deliveries wait untaken; once the oldest has waited longer than PARLEY_WEBHOOK_BACKLOG_SECONDS the backlog is
 * {@code behind}, still with a 200. A deleted webhook's deliveries, which no server will take, do not count.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class DeliveryBacklogApiTest {
    private static final Map<String, String> ENV = Map.of("PARLEY_WEBHOOK_TIMEOUT_SECONDS", "60",
            "PARLEY_WEBHOOK_BACKLOG_SECONDS", "1");
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @Parameter
    TestDatabase database;

    @Test
    void isBehindWhileDueDeliveriesWaitUntakenAndNotForADeletedWebhooks() throws Exception {
        try (TestServer server = new TestServer(database, ENV);
             WebhookReceiver hanging = new WebhookReceiver()) {
            Api api = server.api();
            DataPlane app = WebhookDeliveryApiTest.newApp(server, "Backlog");
            WebhookFixture webhooks = new WebhookFixture(server);
            String integration = webhooks.createIntegration(app.appId());
            int conversations = WebhookDispatcher.MAX_IN_FLIGHT_PER_WEBHOOK + 2;
            int[] never = new int[conversations];
            Arrays.fill(never, WebhookReceiver.HANG);
            hanging.answer(never);
            WebhookFixture.Webhook webhook = webhooks.createWebhook(app.appId(), integration, hanging.url(),
                    List.of("conversation:create"));
            assertThat(backlog(api)).isEqualTo("ok");

            IntStream.range(0, conversations).forEach(i -> app.createConversation("sdkGroup"));
            hanging.await(WebhookDispatcher.MAX_IN_FLIGHT_PER_WEBHOOK, PROMPTLY);
            assertThat(Polling.until(() -> backlog(api), "behind"::equals, PROMPTLY)).isEqualTo("behind");

            webhooks.deleteWebhook(app.appId(), webhook.id());
            // The backlog is read at most every few seconds: wait for the reading after the deletion.
            assertThat(Polling.until(() -> backlog(api), "ok"::equals, PROMPTLY))
                    .as("no server will take a deleted webhook's deliveries").isEqualTo("ok");
        }
    }

    private static String backlog(Api api) {
        Response health = api.get("/health", Auth.NONE);
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        return health.at("/checks/webhookBacklog");
    }
}
