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

/** The delivery log and replay routes: who may read them, their pages and filter, and the errors they answer. */
class DeliveryLogApiTest extends ApiTest {
    private static final String NO_SUCH_ID = "0123456789abcdef01234567";

    private final WebhookReceiver receiver = new WebhookReceiver();
    private AccountFixture account;
    private DataPlane app;
    private String integrationId;
    private WebhookFixture.Webhook webhook;
    private String log;

    @BeforeEach
    void twoDeliveredMessages() throws InterruptedException {
        WebhookFixture webhooks = new WebhookFixture(server);
        account = createAccount("Delivery log", null);
        app = new DataPlane(api, createApp(account.basic(), "Logged"), account.basic());
        integrationId = webhooks.createIntegration(app.appId());
        webhook = webhooks.createWebhook(app.appId(), integrationId, receiver.url(), List.of("conversation:message"));
        String conversation = app.createConversation("personal", app.createUser("u"));
        WebhookDeliveryApiTest.postMessage(app, conversation, "one");
        WebhookDeliveryApiTest.postMessage(app, conversation, "two");
        log = app.path("/integrations/" + integrationId + "/webhooks/" + webhook.id() + "/deliveries");
        Polling.until(() -> api.get(log + "?filter[status]=delivered", account.basic()).json().path("deliveries"),
                deliveries -> deliveries.size() == 2, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void listsEachDeliveryWithItsEventAndAttemptsInCursorPages() {
        Response first = api.get(log + "?page[size]=1", account.basic());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode delivery = first.json().path("deliveries").path(0);
        assertThat(fieldNames(delivery)).containsExactly("id", "status", "createdAt", "events", "attempts",
                "nextAttemptAt");
        assertThat(delivery.path("status").asText()).isEqualTo("delivered");
        assertThat(delivery.path("id").asText()).isEqualTo(delivery.at("/events/0/id").asText());
        assertThat(delivery.at("/events/0/payload/message/content/text").asText()).isEqualTo("one");
        assertThat(delivery.path("attempts")).hasSize(1);
        assertThat(fieldNames(delivery.at("/attempts/0"))).containsExactly("attemptedAt", "statusCode", "latencyMs");
        assertThat(delivery.at("/attempts/0/statusCode").asInt()).isEqualTo(200);
        assertThat(first.json().at("/meta/hasMore").asBoolean()).isTrue();

        Response second = api.get(log + "?page[size]=1&page[after]=" + first.json().at("/meta/afterCursor").asText(),
                app.auth());
        assertThat(second.json().at("/deliveries/0/events/0/payload/message/content/text").asText()).isEqualTo("two");
        assertThat(second.json().at("/meta/hasMore").asBoolean()).isFalse();
        assertThat(api.get(log + "?filter[status]=failed", account.basic()).json().path("deliveries")).isEmpty();
        assertThat(api.get(log + "?filter[status]=pending", account.basic()).json().path("deliveries")).isEmpty();
    }

    @Test
    void anIntegrationKeyReadsItsOwnIntegrationsDeliveriesOnly() {
        WebhookFixture webhooks = new WebhookFixture(server);
        KeyFixture ownKey = key(created(app.path("/integrations/" + integrationId + "/keys"), account.basic(),
                "{\"displayName\":\"Own\"}").json().path("key"));
        String otherIntegration = webhooks.createIntegration(app.appId());
        KeyFixture otherKey = key(created(app.path("/integrations/" + otherIntegration + "/keys"), account.basic(),
                "{\"displayName\":\"Other\"}").json().path("key"));

        assertThat(api.get(log, ownKey.basic()).json().path("deliveries")).hasSize(2);
        assertThat(api.get(log, ownKey.jwt("integration")).status()).isEqualTo(200);
        assertError(api.get(log, otherKey.basic()), 403, "forbidden");
        String delivery = api.get(log, account.basic()).json().at("/deliveries/0/id").asText();
        assertError(api.post(log + "/" + delivery + "/retry", otherKey.basic(), "{}"), 403, "forbidden");
    }

    @Test
    void reachesTheAppsItsCallerReachesAndTheWebhookOfTheIntegrationInThePath() {
        KeyFixture appKey = createAppKey(account.basic(), app.appId(), "App key");
        assertThat(api.get(log, appKey.basic()).status()).isEqualTo(200);
        assertThat(api.get(log, account.jwt()).status()).isEqualTo(200);
        String otherApp = createApp(account.basic(), "Other");
        KeyFixture otherAppKey = createAppKey(account.basic(), otherApp, "Other key");
        AccountFixture stranger = createAccount("Stranger", null);
        String delivery = api.get(log, account.basic()).json().at("/deliveries/0/id").asText();
        String retry = log + "/" + delivery + "/retry";
        for (Response refused : List.of(api.get(log, otherAppKey.basic()), api.get(log, stranger.basic()),
                api.post(retry, otherAppKey.basic(), "{}"), api.post(retry, stranger.basic(), "{}"))) {
            assertError(refused, 404, "app_not_found");
        }
        assertThat(api.get(log, null).status()).isEqualTo(401);

        String otherIntegration = new WebhookFixture(server).createIntegration(app.appId());
        assertError(api.get(app.path("/integrations/" + otherIntegration + "/webhooks/" + webhook.id()
                + "/deliveries"), account.basic()), 404, "webhook_not_found");
        assertError(api.get(app.path("/integrations/" + NO_SUCH_ID + "/webhooks/" + webhook.id() + "/deliveries"),
                account.basic()), 404, "integration_not_found");
        assertError(api.post(log + "/" + NO_SUCH_ID + "/retry", account.basic(), "{}"), 404, "delivery_not_found");
        assertError(api.get(log + "?filter[status]=lost", account.basic()), 400, "bad_request");
        assertError(api.get(log + "?page[size]=0", account.basic()), 400, "bad_request");
        assertThat(receiver.received()).as("nothing refused was sent again").hasSize(2);
    }
}
