package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three Parley servers in processes of their own on one PostgreSQL (several servers need it), all delivering the
 * same webhook's events: with nothing failing each event arrives exactly once, in order per conversation; with one
 * of them killed mid-burst, every event still arrives.
 */
class WebhooksAcrossServersTest {
    private static final String OPERATOR_TOKEN = "webhooks-across-servers-operator-token";
    private static final int CONVERSATIONS = 4;

    private Map<String, String> env;
    private final List<ParleyProcess> servers = new ArrayList<>();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @BeforeEach
    void sharedDatabase() throws IOException {
        env = ParleyProcess.environment(TestDatabase.POSTGRES.freshDatabase(), OPERATOR_TOKEN);
        env.put("PARLEY_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.1/32");
    }

    @AfterEach
    void stopAll() {
        servers.forEach(ParleyProcess::close);
        receiver.close();
        TestDatabase.dropDatabase(env);
    }

    /** Three servers, the first one alone first so that it migrates the database; answers their APIs. */
    private List<Api> threeServers(Map<String, String> extra) throws IOException {
        env.putAll(extra);
        List<Api> apis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, String> own = new HashMap<>(env);
            own.put("PARLEY_DATA_DIR", Files.createTempDirectory("parley-process-").toString());
            ParleyProcess server = ParleyProcess.start(own);
            servers.add(server);
            apis.add(server.awaitReady());
        }
        return apis;
    }

    /** An app whose webhook of conversation:message goes to the receiver, and its conversations. */
    private DataPlane appWithWebhook(Api api, List<String> conversations) throws InterruptedException {
        Auth accountKey = Auth.basicOfCreatedKey(api.post("/admin/accounts", Auth.bearer(OPERATOR_TOKEN),
                "{\"displayName\":\"Across servers\"}"));
        DataPlane app = new DataPlane(api, api.post("/v2/apps", accountKey, "{\"displayName\":\"Shared\"}")
                .at("/app/id"), accountKey);
        WebhookFixture webhooks = new WebhookFixture(env, Path.of(env.get("PARLEY_DATA_DIR")));
        webhooks.createWebhook(app.appId(), webhooks.createIntegration(app.appId()), receiver.url(),
                List.of("conversation:message"));
        for (int i = 0; i < CONVERSATIONS; i++) {
            conversations.add(app.createConversation("personal", app.createUser("user-" + i)));
        }
        awaitTheNextSecond();
        return app;
    }

    /**
     * Each conversation is written through one server only, from a second after its creation: ConversationSequence
     * takes the id just above a conversation's last one when that came from another server in the same second, and
     * that id can be one the other server gives next to another conversation's event (a clash of events' keys that
     * is no concern of webhooks, kept out of these tests).
     */
    private static void awaitTheNextSecond() throws InterruptedException {
        long second = System.currentTimeMillis() / 1000;
        Polling.until(System::currentTimeMillis, now -> now / 1000 > second, Duration.ofSeconds(2));
    }

    @Test
    void withNothingFailingEachEventReachesTheWebhookExactlyOnceInOrderPerConversation() throws Exception {
        List<Api> apis = threeServers(Map.of());
        List<String> conversations = new ArrayList<>();
        DataPlane app = appWithWebhook(apis.get(0), conversations);
        Map<String, List<String>> posted = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            int index = i % CONVERSATIONS;
            String conversation = conversations.get(index);
            DataPlane through = new DataPlane(apis.get(index % 3), app.appId(), app.auth());
            posted.computeIfAbsent(conversation, c -> new ArrayList<>())
                    .add(WebhookDeliveryApiTest.postMessage(through, conversation, "message " + i));
        }
        List<WebhookReceiver.Received> received = receiver.await(60, Duration.ofSeconds(60));
        assertThat(received).hasSize(60);
        assertThat(WebhookDeliveryProcessTest.firstArrivals(receiver)).isEqualTo(posted);
        // Another message through each server afterwards (conversation i is written through server i): by the time
        // they arrive, a duplicate would have too.
        for (int i = 0; i < 3; i++) {
            WebhookDeliveryApiTest.postMessage(new DataPlane(apis.get(i), app.appId(), app.auth()),
                    conversations.get(i), "after " + i);
        }
        assertThat(receiver.await(63, Duration.ofSeconds(60))).hasSize(63);
        assertThat(receiver.received().stream().map(r -> r.header("webhook-id")))
                .as("each delivery once").doesNotHaveDuplicates();
    }

    @Test
    void withOneServerKilledMidBurstEveryEventStillArrives() throws Exception {
        List<Api> apis = threeServers(WebhookDeliveryApiTest.FAST_RETRIES);
        List<String> conversations = new ArrayList<>();
        DataPlane app = appWithWebhook(apis.get(0), conversations);
        Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
        conversations.forEach(c -> acknowledged.put(c, Collections.synchronizedList(new ArrayList<>())));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(CONVERSATIONS);
        for (int w = 0; w < CONVERSATIONS; w++) {
            String conversation = conversations.get(w);
            // Writers post through the two servers that survive; the third is killed while it delivers.
            DataPlane through = new DataPlane(apis.get(1 + w % 2), app.appId(), app.auth());
            writers.submit(() -> {
                for (int i = 0; !stop.get() && i < 100; i++) {
                    Response posted = through.post("/conversations/" + conversation + "/messages",
                            "{\"author\":{\"type\":\"business\"},\"content\":{\"type\":\"text\",\"text\":\"burst "
                                    + i + "\"}}");
                    if (posted.status() == 201) {
                        acknowledged.get(conversation).add(posted.at("/messages/0/id"));
                    }
                }
            });
        }
        Polling.until(receiver::received, received -> received.size() >= 30, Duration.ofSeconds(60));
        servers.get(0).kill();
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        int total = acknowledged.values().stream().mapToInt(List::size).sum();
        Map<String, List<String>> arrived = Polling.until(() -> WebhookDeliveryProcessTest.firstArrivals(receiver),
                firsts -> firsts.values().stream().mapToInt(List::size).sum() >= total, Duration.ofSeconds(90));
        for (Map.Entry<String, List<String>> conversation : acknowledged.entrySet()) {
            assertThat(arrived.get(conversation.getKey())).as("every message of " + conversation.getKey())
                    .containsExactlyElementsOf(conversation.getValue().stream().sorted().toList());
        }
    }
}
