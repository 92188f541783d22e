package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Polling;
import dev.parley.testing.ProcessTest;
import dev.parley.testing.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery through a crash: Parley in a process of its own, killed with SIGKILL in the middle of a burst of
 * messages while it delivers them; after a restart every acknowledged message's event reaches the receiver, and each
 * conversation's events first arrive in their order.
 */
class WebhookDeliveryProcessTest extends ProcessTest {

    @Test
    void afterKillNineMidBurstEveryAcknowledgedMessagesEventArrivesInOrder() throws Exception {
        env.putAll(WebhookDeliveryApiTest.FAST_RETRIES);
        env.put("PARLEY_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.1/32");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Auth accountKey;
            String appId;
            try (ParleyProcess parley = ParleyProcess.start(env)) {
                Api api = parley.awaitReady();
                accountKey = Auth.basicOfCreatedKey(api.post("/admin/accounts", Auth.bearer(OPERATOR_TOKEN),
                        "{\"displayName\":\"Crash while delivering\"}"));
                appId = api.post("/v2/apps", accountKey, "{\"displayName\":\"Deliveries\"}").at("/app/id");
                assertThat(parley.stop()).isZero();
            }
            WebhookFixture webhooks = new WebhookFixture(env, Path.of(env.get("PARLEY_DATA_DIR")));
            webhooks.createWebhook(appId, webhooks.createIntegration(appId), receiver.url(),
                    List.of("conversation:message"));

            Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
            try (ParleyProcess parley = ParleyProcess.start(env)) {
                DataPlane app = new DataPlane(parley.awaitReady(), appId, accountKey);
                List<String> conversations = List.of(
                        app.createConversation("personal", app.createUser("first")),
                        app.createConversation("personal", app.createUser("second")));
                conversations.forEach(c -> acknowledged.put(c, java.util.Collections.synchronizedList(
                        new ArrayList<>())));
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService writers = Executors.newFixedThreadPool(4);
                for (int w = 0; w < 4; w++) {
                    String conversation = conversations.get(w % 2);
                    writers.submit(() -> {
                        for (int i = 0; !stop.get() && i < 300; i++) {
                            try {
                                Response posted = app.post("/conversations/" + conversation + "/messages",
                                        "{\"author\":{\"type\":\"business\"},\"content\":{\"type\":\"text\","
                                                + "\"text\":\"burst " + i + "\"}}");
                                if (posted.status() == 201) {
                                    acknowledged.get(conversation).add(posted.at("/messages/0/id"));
                                }
                            } catch (AssertionError connectionLost) {
                                return;
                            }
                        }
                    });
                }
                Polling.until(receiver::received, received -> received.size() >= 20, Duration.ofSeconds(60));
                parley.kill();
                stop.set(true);
                writers.shutdown();
                assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(receiver.received().size()).as("some were delivered before the kill").isGreaterThan(0);

            // Until every acknowledged message's event is there (a count would stop early: a message committed
            // but never answered before the kill is delivered too, and counts).
            try (ParleyProcess restarted = ParleyProcess.start(env)) {
                restarted.awaitReady();
                Polling.until(() -> firstArrivals(receiver), arrived -> acknowledged.entrySet().stream()
                        .allMatch(sent -> arrived.getOrDefault(sent.getKey(), List.of()).containsAll(sent.getValue())),
                        Duration.ofSeconds(90));
            }
            Map<String, List<String>> arrived = firstArrivals(receiver);
            for (Map.Entry<String, List<String>> conversation : acknowledged.entrySet()) {
                List<String> received = arrived.getOrDefault(conversation.getKey(), List.of());
                assertThat(received).as("every acknowledged message of " + conversation.getKey() + " arrived")
                        .containsAll(conversation.getValue());
                assertThat(received).as("first arrivals in the conversation's order").isSorted();
            }
        }
    }

    /** Message ids by conversation, in the order each first arrived (a delivery may arrive twice after a crash). */
    static Map<String, List<String>> firstArrivals(WebhookReceiver receiver) {
        Map<String, Set<String>> arrived = new LinkedHashMap<>();
        for (WebhookReceiver.Received request : receiver.received()) {
            arrived.computeIfAbsent(request.event().at("/payload/conversation/id").asText(),
                    c -> new LinkedHashSet<>()).add(request.event().at("/payload/message/id").asText());
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        arrived.forEach((conversation, ids) -> lists.put(conversation, List.copyOf(ids)));
        return lists;
    }
}
