package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Polling;
import dev.parley.testing.ProcessTest;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Parley as an operator runs it: its own process, restarted, stopped with SIGTERM, killed with SIGKILL. */
class ServerLifecycleTest extends ProcessTest {

    @Test
    void dataAndCredentialsSurviveARestartAndSigtermExitsZero() throws Exception {
        String accountKeyId;
        String accountSecret;
        String appId;
        String appKeyId;
        String appSecret;
        try (ParleyProcess first = ParleyProcess.start(env)) {
            Api api = first.awaitReady();
            Response account = api.post("/admin/accounts", Auth.bearer(OPERATOR_TOKEN),
                    "{\"displayName\":\"Durable\",\"maxApps\":3}");
            accountKeyId = account.at("/key/id");
            accountSecret = account.at("/key/secret");
            Response app = api.post("/v2/apps", Auth.basic(accountKeyId, accountSecret),
                    "{\"displayName\":\"Kept\",\"metadata\":{\"a\":\"b\"}}");
            appId = app.at("/app/id");
            Response key = api.post("/v2/apps/" + appId + "/keys", Auth.basic(accountKeyId, accountSecret),
                    "{\"displayName\":\"Kept key\"}");
            appKeyId = key.at("/key/id");
            appSecret = key.at("/key/secret");

            assertThat(first.stop()).as(first.output()).isZero();
        }
        try (ParleyProcess second = ParleyProcess.start(env)) {
            Api api = second.awaitReady();
            Response app = api.get("/v2/apps/" + appId, Auth.jwt(accountKeyId, accountSecret, "account"));
            assertThat(app.status()).isEqualTo(200);
            assertThat(app.at("/app/displayName")).isEqualTo("Kept");
            assertThat(app.at("/app/metadata/a")).isEqualTo("b");
            assertThat(api.get("/v2/apps/" + appId, Auth.basic(appKeyId, appSecret)).status()).isEqualTo(200);
            assertThat(api.get("/v2/apps/" + appId, Auth.jwt(appKeyId, appSecret, "app")).status()).isEqualTo(200);
            assertThat(api.get("/v2/apps/" + appId + "/keys", Auth.basic(accountKeyId, accountSecret))
                    .at("/keys/0/secret")).isEqualTo(appSecret);
            assertThat(second.stop()).isZero();
            assertThat(second.output()).doesNotContain(accountSecret, appSecret, OPERATOR_TOKEN,
                    env.get("PARLEY_MASTER_KEY"));
        }
    }

    @Test
    void everyAcknowledgedCreationSurvivesKillNine() throws Exception {
        List<String> acknowledgedApps = new ArrayList<>();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        String accountId;
        String keyId;
        String secret;
        try (ParleyProcess parley = ParleyProcess.start(env)) {
            Api api = parley.awaitReady();
            Response account = api.post("/admin/accounts", Auth.bearer(OPERATOR_TOKEN),
                    "{\"displayName\":\"Crash\",\"maxApps\":12}");
            accountId = account.at("/account/id");
            keyId = account.at("/key/id");
            secret = account.at("/key/secret");
            Auth auth = Auth.basic(keyId, secret);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(8);
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.submit(() -> {
                    // Apps until the plan is full, and keys on random apps until each holds ten: both limits race.
                    for (int i = 0; !stop.get() && i < 100; i++) {
                        try {
                            Response created = api.post("/v2/apps", auth, "{\"displayName\":\"w" + writer + "-" + i + "\"}");
                            if (created.status() == 201) {
                                acknowledged.add("app:" + created.at("/app/id"));
                            }
                            List<String> apps = acknowledged.stream().filter(a -> a.startsWith("app:")).toList();
                            for (int k = 0; k < 3 && !apps.isEmpty(); k++) {
                                String appId = apps.get(ThreadLocalRandom.current().nextInt(apps.size())).substring(4);
                                Response key = api.post("/v2/apps/" + appId + "/keys", auth, "{\"displayName\":\"k\"}");
                                if (key.status() == 201) {
                                    acknowledged.add("key:" + appId + "/keys/" + key.at("/key/id"));
                                }
                            }
                        } catch (AssertionError connectionLost) {
                            return;
                        }
                    }
                });
            }
            killOnceAcknowledged(60, acknowledged::size, parley, stop, writers);
        }
        acknowledged.stream().filter(a -> a.startsWith("app:")).forEach(a -> acknowledgedApps.add(a.substring(4)));
        assertLimitsHoldInTheStore();

        try (ParleyProcess restarted = ParleyProcess.start(env)) {
            Api api = restarted.awaitReady();
            Auth auth = Auth.basic(keyId, secret);
            for (String item : acknowledged) {
                String id = item.substring(4);
                if (item.startsWith("app:")) {
                    assertThat(api.get("/v2/apps/" + id, auth).status()).as("acknowledged app " + id).isEqualTo(200);
                }
            }
            List<String> stored = new ArrayList<>();
            api.get("/v2/apps?page[size]=100", auth).json().path("apps").forEach(a -> stored.add(a.path("id").asText()));
            assertThat(stored).containsAll(acknowledgedApps);
            assertThat(stored.size()).isLessThanOrEqualTo(12);
            Response account = api.get("/admin/accounts/" + accountId, Auth.bearer(OPERATOR_TOKEN));
            assertThat(account.json().at("/account/appCount").asInt())
                    .as("the plan counter matches the apps stored: nothing half-made").isEqualTo(stored.size());
            for (String item : acknowledged) {
                if (item.startsWith("key:")) {
                    String keyPath = "/v2/apps/" + item.substring(4);
                    assertThat(api.get(keyPath, auth).status()).as("acknowledged key " + keyPath).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void everyAcknowledgedMessageAndItsEventSurviveKillNine() throws Exception {
        Map<String, ConcurrentLinkedQueue<String>> acknowledged = new LinkedHashMap<>();
        Auth appKey;
        DataPlane app;
        try (ParleyProcess parley = ParleyProcess.start(env)) {
            Api api = parley.awaitReady();
            Auth accountKey = Auth.basicOfCreatedKey(api.post("/admin/accounts", Auth.bearer(OPERATOR_TOKEN),
                    "{\"displayName\":\"Crash in a burst\"}"));
            String appId = api.post("/v2/apps", accountKey, "{\"displayName\":\"Burst\"}").at("/app/id");
            appKey = Auth.basicOfCreatedKey(api.post("/v2/apps/" + appId + "/keys", accountKey,
                    "{\"displayName\":\"Burst key\"}"));
            app = new DataPlane(api, appId, appKey);
            String userId = app.createUser("burst-user");
            acknowledged.put(app.createConversation("personal", userId), new ConcurrentLinkedQueue<>());
            acknowledged.put(app.createConversation("sdkGroup", userId), new ConcurrentLinkedQueue<>());
            List<String> conversations = List.copyOf(acknowledged.keySet());
            String[] authors = {"{\"type\":\"business\"}", "{\"type\":\"user\",\"userId\":\"" + userId + "\"}"};

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger answered = new AtomicInteger();
            ExecutorService writers = Executors.newFixedThreadPool(6);
            for (int w = 0; w < 6; w++) {
                String conversationId = conversations.get(w % 2);
                String author = authors[w / 2 % 2];
                writers.submit(() -> {
                    for (int i = 0; !stop.get() && i < 200; i++) {
                        try {
                            Response posted = app.post("/conversations/" + conversationId + "/messages",
                                    "{\"author\":" + author + ",\"content\":{\"type\":\"text\",\"text\":\"burst "
                                            + i + "\"}}");
                            if (posted.status() == 201) {
                                acknowledged.get(conversationId).add(posted.at("/messages/0/id"));
                                answered.incrementAndGet();
                            }
                        } catch (AssertionError connectionLost) {
                            return;
                        }
                    }
                });
            }
            killOnceAcknowledged(80, answered::get, parley, stop, writers);
        }

        try (ParleyProcess restarted = ParleyProcess.start(env)) {
            DataPlane after = new DataPlane(restarted.awaitReady(), app.appId(), appKey);
            Map<String, List<JsonNode>> eventsByConversation = messageEventsByConversation(after);
            for (var conversation : acknowledged.entrySet()) {
                String conversationId = conversation.getKey();
                List<String> stored = storedMessages(after, conversationId);
                assertThat(stored).as("every acknowledged message of " + conversationId + " is stored")
                        .containsAll(conversation.getValue())
                        .isSorted().doesNotHaveDuplicates();
                List<JsonNode> events = eventsByConversation.getOrDefault(conversationId, List.of());
                assertThat(events).extracting(event -> event.at("/payload/message/id").asText())
                        .as("each stored message has its event, each event its message, in one order")
                        .containsExactlyElementsOf(stored);
                for (int i = 0; i < stored.size(); i++) {
                    String eventId = events.get(i).path("id").asText();
                    assertThat(eventId).as("event %d follows its message", i).isGreaterThan(stored.get(i));
                    if (i + 1 < stored.size()) {
                        assertThat(eventId).as("event %d precedes the next message", i).isLessThan(stored.get(i + 1));
                    }
                }
                String next = after.created("/conversations/" + conversationId + "/messages",
                        "{\"author\":{\"type\":\"business\"},\"content\":{\"type\":\"text\",\"text\":\"after\"}}")
                        .at("/messages/0/id");
                assertThat(next).as("a message posted after the restart sorts after the stored ones")
                        .isGreaterThan(events.isEmpty() ? "" : events.get(events.size() - 1).path("id").asText());
            }
            assertThat(eventsByConversation.keySet()).as("no event of a conversation that was not written to")
                    .isSubsetOf(acknowledged.keySet());
        }
    }

    /** SIGKILL once the writers have {@code enough} answers acknowledged, then stops the writers it cut off. */
    private static void killOnceAcknowledged(int enough, Supplier<Integer> acknowledged, ParleyProcess parley,
                                             AtomicBoolean stop, ExecutorService writers) throws Exception {
        int beforeTheKill = Polling.until(acknowledged, count -> count >= enough, Duration.ofSeconds(60));
        parley.kill();
        stop.set(true);
        writers.shutdown();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(beforeTheKill).as("answers acknowledged before the kill").isGreaterThanOrEqualTo(enough);
    }

    /** A conversation's message ids, oldest first: every page, from the newest back to the first. */
    private static List<String> storedMessages(DataPlane app, String conversationId) {
        String messages = "/conversations/" + conversationId + "/messages";
        List<String> stored = new ArrayList<>();
        Response page = app.get(messages);
        while (true) {
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            page.json().path("messages").forEach(message -> ids.add(message.path("id").asText()));
            stored.addAll(0, ids);
            if (!page.json().at("/meta/hasMore").asBoolean()) {
                return stored;
            }
            page = app.get(messages + "?page[before]=" + page.json().at("/meta/beforeCursor").asText());
        }
    }

    /** The app's conversation:message events in log order, every page of them, by their conversation's id. */
    private static Map<String, List<JsonNode>> messageEventsByConversation(DataPlane app) {
        String events = "/events?page[size]=100&filter[type]=conversation:message";
        Map<String, List<JsonNode>> byConversation = new HashMap<>();
        Response page = app.get(events);
        while (true) {
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("events").forEach(event -> byConversation.computeIfAbsent(
                    event.at("/payload/conversation/id").asText(), id -> new ArrayList<>()).add(event));
            if (!page.json().at("/meta/hasMore").asBoolean()) {
                return byConversation;
            }
            page = app.get(events + "&page[after]=" + page.json().at("/meta/afterCursor").asText());
        }
    }

    @Test
    void sigtermDuringABurstLetsRequestsInFlightFinishAndExitsZero() throws Exception {
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> brokenAnswers = new ConcurrentLinkedQueue<>();
        Auth auth;
        try (ParleyProcess parley = ParleyProcess.start(env)) {
            Api api = parley.awaitReady();
            Response account = api.post("/admin/accounts", Auth.bearer(OPERATOR_TOKEN), "{\"displayName\":\"Drain\"}");
            auth = Auth.basicOfCreatedKey(account);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(8);
            for (int w = 0; w < 8; w++) {
                writers.submit(() -> {
                    while (!stop.get()) {
                        try {
                            Response response = api.post("/v2/apps", auth, "{\"displayName\":\"drained\"}");
                            if (response.status() == 201) {
                                created.add(response.at("/app/id"));
                            } else if (!(response.status() == 503 && "service_unavailable".equals(response.errorCode()))) {
                                // A request that arrives once stopping has begun is refused with 503; anything else
                                // would be a request cut short.
                                brokenAnswers.add(response.toString());
                            }
                        } catch (AssertionError refusedOrClosed) {
                            // a connection refused once the server stopped accepting: not an answer
                        }
                    }
                });
            }
            int beforeTheSigterm = Polling.until(created::size, size -> size >= 20, Duration.ofSeconds(60));
            assertThat(parley.stop()).as(parley.output()).isZero();
            stop.set(true);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(beforeTheSigterm).as("apps created before the SIGTERM").isGreaterThanOrEqualTo(20);
            assertThat(parley.output()).contains("finishing requests in flight");
        }
        assertThat(brokenAnswers).as("every request the server took was answered in full").isEmpty();
        assertLimitsHoldInTheStore();
        try (ParleyProcess restarted = ParleyProcess.start(env)) {
            Api api = restarted.awaitReady();
            for (String appId : created) {
                assertThat(api.get("/v2/apps/" + appId, auth).status()).as("acknowledged app " + appId).isEqualTo(200);
            }
        }
    }

    @Test
    void refusesToStartWithAMalformedMasterKey() throws Exception {
        env.put("PARLEY_MASTER_KEY", "not-base64-and-too-short");
        try (ParleyProcess parley = ParleyProcess.start(env)) {
            assertThat(parley.awaitExit(Duration.ofSeconds(30))).isNotZero();
            assertThat(parley.output()).contains("PARLEY_MASTER_KEY").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void refusesToStartWithAnotherMasterKeyThanTheDataWasSealedWith() throws Exception {
        try (ParleyProcess first = ParleyProcess.start(env)) {
            first.awaitReady().post("/admin/accounts", Auth.bearer(OPERATOR_TOKEN), "{\"displayName\":\"Sealed\"}");
            first.stop();
        }
        env.put("PARLEY_MASTER_KEY", ParleyProcess.newMasterKey());
        try (ParleyProcess second = ParleyProcess.start(env)) {
            assertThat(second.awaitExit(Duration.ofSeconds(30))).isNotZero();
            assertThat(second.output()).contains("PARLEY_MASTER_KEY does not match");
        }
    }

    /** Read straight from the database the killed server left: no account above its plan, no app above ten keys. */
    private void assertLimitsHoldInTheStore() throws Exception {
        try (Connection connection = TestDatabase.connect(env, Path.of(env.get("PARLEY_DATA_DIR")));
             Statement statement = connection.createStatement()) {
            try (ResultSet accounts = statement.executeQuery("SELECT a.max_apps, a.app_count, "
                    + "(SELECT COUNT(*) FROM apps p WHERE p.account_id = a.id) AS stored FROM accounts a")) {
                while (accounts.next()) {
                    assertThat(accounts.getInt("stored")).isEqualTo(accounts.getInt("app_count"));
                    Integer maxApps = (Integer) accounts.getObject("max_apps", Integer.class);
                    if (maxApps != null) {
                        assertThat(accounts.getInt("stored")).isLessThanOrEqualTo(maxApps);
                    }
                }
            }
            try (ResultSet apps = statement.executeQuery("SELECT p.key_count, "
                    + "(SELECT COUNT(*) FROM api_keys k WHERE k.app_id = p.id) AS stored FROM apps p")) {
                while (apps.next()) {
                    assertThat(apps.getInt("stored")).isEqualTo(apps.getInt("key_count")).isLessThanOrEqualTo(10);
                }
            }
        }
    }
}
