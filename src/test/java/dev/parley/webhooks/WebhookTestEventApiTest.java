package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST …/webhooks/{webhookId}/test}: a {@code webhook:test} event goes through the normal pipeline (event
 * log, queue, dispatcher, signature, delivery log) to that one webhook only, whatever its triggers.
 */
class WebhookTestEventApiTest extends ApiTest {
    private static final String NO_SUCH_ID = "0123456789abcdef01234567";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final WebhookReceiver otherReceiver = new WebhookReceiver();
    private AccountFixture account;
    private DataPlane app;
    private String integrationId;
    private WebhookFixture.Webhook webhook;
    private String test;

    @BeforeEach
    void anIntegrationWithTwoWebhooks() {
        WebhookFixture webhooks = new WebhookFixture(server);
        account = createAccount("Test events", null);
        app = new DataPlane(api, createApp(account.basic(), "Tested"), account.basic());
        integrationId = webhooks.createIntegration(app.appId());
        webhook = webhooks.createWebhook(app.appId(), integrationId, receiver.url(), List.of("conversation:message"));
        webhooks.createWebhook(app.appId(), integrationId, otherReceiver.url(), List.of("conversation:message",
                "user:remove"));
        test = app.path("/integrations/" + integrationId + "/webhooks/" + webhook.id() + "/test");
    }

    @AfterEach
    void stopReceivers() {
        receiver.close();
        otherReceiver.close();
    }

    @Test
    void sendsASignedTestEventToThatWebhookOnlyAndLogsItsDelivery() throws Exception {
        Response sent = api.post(test, account.basic(), null);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        JsonNode delivery = sent.json().path("delivery");
        assertThat(delivery.path("status").asText()).isEqualTo("pending");
        assertThat(delivery.at("/events/0/type").asText()).isEqualTo("webhook:test");
        assertThat(delivery.at("/events/0/payload/webhook/id").asText()).isEqualTo(webhook.id());

        WebhookReceiver.Received arrived = receiver.await(1, WAIT).get(0);
        assertThat(arrived.event().path("type").asText()).isEqualTo("webhook:test");
        assertThat(arrived.event().path("id").asText()).isEqualTo(delivery.path("id").asText());
        assertThat(arrived.envelope().at("/webhook/id").asText()).isEqualTo(webhook.id());
        WebhookDeliveryApiTest.assertSignedPerStandardWebhooks(arrived, webhook.secret());

        String log = app.path("/integrations/" + integrationId + "/webhooks/" + webhook.id() + "/deliveries");
        JsonNode logged = Polling.until(() -> api.get(log, account.basic()).json().path("deliveries"),
                deliveries -> deliveries.size() == 1 && "delivered".equals(deliveries.at("/0/status").asText()),
                WAIT);
        assertThat(logged.at("/0/attempts/0/statusCode").asInt()).isEqualTo(200);

        // A message after it reaches both webhooks: had the test event gone to the other, it would be first.
        String conversation = app.createConversation("personal", app.createUser("u"));
        WebhookDeliveryApiTest.postMessage(app, conversation, "after the test");
        List<WebhookReceiver.Received> other = otherReceiver.await(1, WAIT);
        assertThat(other.get(0).event().path("type").asText()).isEqualTo("conversation:message");
        receiver.await(2, WAIT);
        assertThat(otherReceiver.received()).hasSize(1);
        assertThat(app.events("webhook:test")).as("in the app's event log").hasSize(1);
    }

    @Test
    void answersTheErrorsOfTheDeliveryLogAndSendsNothingRefused() {
        KeyFixture ownKey = key(created(app.path("/integrations/" + integrationId + "/keys"), account.basic(),
                "{\"displayName\":\"Own\"}").json().path("key"));
        String otherIntegration = new WebhookFixture(server).createIntegration(app.appId());
        KeyFixture otherKey = key(created(app.path("/integrations/" + otherIntegration + "/keys"), account.basic(),
                "{\"displayName\":\"Other\"}").json().path("key"));
        AccountFixture stranger = createAccount("Stranger", null);

        assertError(api.post(test, stranger.basic(), null), 404, "app_not_found");
        assertError(api.post(test, otherKey.basic(), null), 403, "forbidden");
        assertThat(api.post(test, null, null).status()).isEqualTo(401);
        assertError(api.post(app.path("/integrations/" + otherIntegration + "/webhooks/" + webhook.id() + "/test"),
                account.basic(), null), 404, "webhook_not_found");
        assertError(api.post(app.path("/integrations/" + NO_SUCH_ID + "/webhooks/" + webhook.id() + "/test"),
                account.basic(), null), 404, "integration_not_found");
        assertThat(app.events("webhook:test")).as("nothing refused was recorded").isEmpty();

        assertThat(api.post(test, ownKey.basic(), null).status()).isEqualTo(201);
        assertThat(app.events("webhook:test")).hasSize(1);
    }
}
