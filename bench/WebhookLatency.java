import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Webhook delivery as a maker's receiver sees it: the time from a message's 201 to the arrival of its
 * conversation:message event, at steady posting rates, and the most events per second one server delivers.
 *
 * <p>Run from the project root with the Jackson of the Parley jar:
 * {@code java -cp target/parley.jar bench/WebhookLatency.java BASE_URL AUTHORIZATION APP_ID CONVERSATIONS_FILE
 * SECONDS BACKLOG RATE...}. It starts its own receiver on 127.0.0.1 (the server must allow 127.0.0.1/32 in
 * PARLEY_WEBHOOK_ALLOWED_NETWORKS), creates a custom integration whose webhook takes conversation:message, posts
 * business texts to the listed conversations at each RATE per second for SECONDS (at most 64 waiting for their
 * answers: past that the rate gives way, and achieved_per_s says what it was), and prints one line per rate:
 * {@code rate R: sent N received M failed_posts F achieved_per_s A p50_us= p99_us= p999_us=}. A message whose event arrives before its 201 counts
 * as 0. Then the drain: the receiver is stopped, BACKLOG messages are posted, the receiver comes back on the same
 * port, and it prints {@code drain: events=N seconds=S events_per_s=R} from the first arrival to the last. Last,
 * it deletes the integration.
 */
public final class WebhookLatency {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT_FOR_EVENTS = Duration.ofSeconds(120);
    /** A maker's backend posts from a bounded pool: past this many posts waiting for answers, the rate gives way. */
    private static final int MAX_POSTS_IN_FLIGHT = 64;

    private final String base;
    private final String authorization;
    private final String appId;
    private final List<String> conversations;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
    private final AtomicInteger failedPosts = new AtomicInteger();
    private final Semaphore postsInFlight = new Semaphore(MAX_POSTS_IN_FLIGHT);
    private final AtomicReference<String> firstFailure =
            new AtomicReference<>();

    private WebhookLatency(String base, String authorization, String appId, List<String> conversations) {
        this.base = base;
        this.authorization = authorization;
        this.appId = appId;
        this.conversations = conversations;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: WebhookLatency BASE_URL AUTHORIZATION APP_ID CONVERSATIONS_FILE SECONDS "
                    + "BACKLOG RATE...");
            System.exit(2);
        }
        List<String> conversations = Files.readAllLines(Path.of(args[3])).stream().filter(l -> !l.isBlank()).toList();
        WebhookLatency bench = new WebhookLatency(args[0], args[1], args[2], conversations);
        int seconds = Integer.parseInt(args[4]);
        int backlog = Integer.parseInt(args[5]);
        List<Integer> rates = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        bench.run(seconds, backlog, rates);
        System.exit(0);
    }

    private void run(int seconds, int backlog, List<Integer> rates) throws Exception {
        int port = freePort();
        HttpServer receiver = startReceiver(port);
        String integrationId = createIntegration(port);
        try {
            for (int rate : rates) {
                measureRate(rate, seconds);
            }
            receiver.stop(0);
            drain(port, backlog);
        } finally {
            send("DELETE", "/v2/apps/" + appId + "/integrations/" + integrationId, null);
        }
    }

    private void measureRate(int rate, int seconds) throws Exception {
        answeredAt.clear();
        arrivedAt.clear();
        failedPosts.set(0);
        firstFailure.set(null);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int total = rate * seconds;
        List<CompletableFuture<?>> posts = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            posts.add(postMessage());
        }
        for (var post : posts) {
            post.join();
        }
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        waitForArrivals(answeredAt.size());
        List<Long> latencies = new ArrayList<>();
        for (Map.Entry<String, Long> answered : answeredAt.entrySet()) {
            Long arrived = arrivedAt.get(answered.getKey());
            if (arrived != null) {
                latencies.add(Math.max(0, arrived - answered.getValue()) / 1_000);
            }
        }
        Collections.sort(latencies);
        System.out.printf("rate %d: sent %d received %d failed_posts %d achieved_per_s=%.0f p50_us=%d p99_us=%d "
                + "p999_us=%d%n", rate, answeredAt.size(), latencies.size(), failedPosts.get(), achieved,
                percentile(latencies, 0.50),
                percentile(latencies, 0.99), percentile(latencies, 0.999));
    }

    private void drain(int port, int backlog) throws Exception {
        answeredAt.clear();
        arrivedAt.clear();
        List<CompletableFuture<?>> posts = new ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            posts.add(postMessage());
        }
        for (var post : posts) {
            post.join();
        }
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        HttpServer receiver = startReceiver(port, first, last);
        waitForArrivals(answeredAt.size());
        receiver.stop(0);
        double seconds = (last.get() - first.get()) / 1e9;
        System.out.printf("drain: events=%d seconds=%.3f events_per_s=%.0f%n", arrivedAt.size(), seconds,
                seconds > 0 ? arrivedAt.size() / seconds : 0);
    }

    private void waitForArrivals(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_FOR_EVENTS.toNanos();
        while (!arrivedAt.keySet().containsAll(answeredAt.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (arrivedAt.size() < expected) {
            System.err.printf("WebhookLatency: %d of %d events arrived within %s%n", arrivedAt.size(), expected,
                    WAIT_FOR_EVENTS);
        }
    }

    private CompletableFuture<?> postMessage() throws InterruptedException {
        postsInFlight.acquire();
        String conversation = conversations.get(ThreadLocalRandom.current().nextInt(conversations.size()));
        HttpRequest request = request("POST", "/v2/apps/" + appId + "/conversations/" + conversation + "/messages",
                "{\"author\":{\"type\":\"business\"},\"content\":{\"type\":\"text\",\"text\":\"Bench webhook\"}}");
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) ->
                postsInFlight.release()).thenAccept(response -> {
            long now = System.nanoTime();
            if (response.statusCode() != 201) {
                failed("status " + response.statusCode());
                return;
            }
            try {
                answeredAt.put(JSON.readTree(response.body()).path("messages").path(0).path("id").asText(), now);
            } catch (IOException e) {
                failed(e.toString());
            }
        }).exceptionally(error -> {
            failed(error.toString());
            return null;
        });
    }

    private void failed(String why) {
        failedPosts.incrementAndGet();
        if (firstFailure.compareAndSet(null, why)) {
            System.err.println("WebhookLatency: a post failed: " + why);
        }
    }

    private HttpServer startReceiver(int port) throws IOException {
        return startReceiver(port, new AtomicLong(), new AtomicLong());
    }

    private HttpServer startReceiver(int port, AtomicLong first, AtomicLong last) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            try (InputStream body = exchange.getRequestBody()) {
                JsonNode delivery = JSON.readTree(body);
                for (JsonNode event : delivery.path("events")) {
                    if (event.path("type").asText().equals("conversation:message")) {
                        arrivedAt.putIfAbsent(event.path("payload").path("message").path("id").asText(), now);
                    }
                }
                first.compareAndSet(0, now);
                last.set(now);
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    private String createIntegration(int port) throws Exception {
        String body = JSON.createObjectNode().put("type", "custom").put("displayName", "Bench webhook")
                .set("webhooks", JSON.createArrayNode().add(JSON.createObjectNode()
                        .put("target", "http://127.0.0.1:" + port + "/")
                        .set("triggers", JSON.createArrayNode().add("conversation:message")))).toString();
        HttpResponse<String> response = send("POST", "/v2/apps/" + appId + "/integrations", body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating the integration answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body()).path("integration").path("id").asText();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return client.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
