package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.DataPlane;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * One webhook's receiver that never answers, with more conversations waiting than a server has slots, holds only its
 * own share of them: another webhook's events still arrive at once, long before the hanging attempts time out.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class WebhookFairShareApiTest {
    /** Far beyond the wait for the other webhook's event: an attempt ending by its timeout cannot make the test pass. */
    private static final Map<String, String> LONG_TIMEOUT = Map.of("PARLEY_WEBHOOK_TIMEOUT_SECONDS", "60");
    private static final Duration PROMPTLY = Duration.ofSeconds(15);

    @Parameter
    TestDatabase database;

    @Test
    void aHangingReceiverHoldsOnlyItsOwnShareAndOtherWebhooksEventsArrivePromptly() throws Exception {
        try (TestServer server = new TestServer(database, LONG_TIMEOUT);
             WebhookReceiver hanging = new WebhookReceiver();
             WebhookReceiver other = new WebhookReceiver()) {
            DataPlane app = WebhookDeliveryApiTest.newApp(server, "Fair share");
            WebhookFixture webhooks = new WebhookFixture(server);
            String integration = webhooks.createIntegration(app.appId());
            int conversations = WebhookDispatcher.MAX_IN_FLIGHT + 6;
            int[] never = new int[conversations];
            Arrays.fill(never, WebhookReceiver.HANG);
            hanging.answer(never);
            webhooks.createWebhook(app.appId(), integration, hanging.url(), List.of("conversation:create"));
            webhooks.createWebhook(app.appId(), integration, other.url(), List.of("conversation:message"));

            List<String> created = IntStream.range(0, conversations)
                    .mapToObj(i -> app.createConversation("sdkGroup")).toList();
            assertThat(hanging.await(WebhookDispatcher.MAX_IN_FLIGHT_PER_WEBHOOK, PROMPTLY))
                    .hasSizeGreaterThanOrEqualTo(WebhookDispatcher.MAX_IN_FLIGHT_PER_WEBHOOK);

            WebhookDeliveryApiTest.postMessage(app, created.get(0), "still heard");
            List<WebhookReceiver.Received> arrived = other.await(1, PROMPTLY);
            assertThat(arrived).as("the other webhook's event, well before the hanging attempts' 60 s").hasSize(1);
            assertThat(arrived.get(0).event().at("/payload/message/content/text").asText()).isEqualTo("still heard");
            assertThat(hanging.received()).as("one attempt per slot of its share, each still hanging")
                    .hasSize(WebhookDispatcher.MAX_IN_FLIGHT_PER_WEBHOOK);
        }
    }
}
