package dev.parley.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.testing.Polling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook target on loopback, on a port the OS chose: records every request, and answers 200, or what the test
 * queued for the next requests (a status, or no answer at all). It can go down (nothing listens on its port) and
 * come back on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An answer queued to hang: held until the receiver closes. */
    static final int HANG = -1;

    /** One request as it arrived: its headers (names in lower case), body, and the envelope it holds. */
    public record Received(Map<String, String> headers, String body, JsonNode envelope) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The envelope's only event. */
        public JsonNode event() {
            return envelope.path("events").path(0);
        }
    }

    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();
    private final Set<String> failingConversations = new HashSet<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final int port;
    private HttpServer server;
    private int otherwise = 200;

    public WebhookReceiver() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** Answers the next requests with these statuses (or {@link #HANG}), then 200 (or {@link #answerEvery}) again. */
    synchronized void answer(int... statuses) {
        for (int status : statuses) {
            answers.add(status);
        }
    }

    /** Answers every request after the queued {@link #answer}s with this status, until told another. */
    public synchronized void answerEvery(int status) {
        otherwise = status;
    }

    /** Answers 503 to every event of that conversation until {@link #recover}. */
    synchronized void failConversation(String conversationId) {
        failingConversations.add(conversationId);
    }

    synchronized void recover(String conversationId) {
        failingConversations.remove(conversationId);
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} requests arrived, and answers all that did. */
    public List<Received> await(int count, Duration timeout) throws InterruptedException {
        return Polling.until(this::received, list -> list.size() >= count, timeout);
    }

    /** Stops listening: deliveries now fail to connect. */
    void stop() {
        server.stop(0);
    }

    /** Listens again, on the same port. */
    void start() {
        server = listen(port);
    }

    private HttpServer listen(int port) {
        try {
            HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listening.setExecutor(threads);
            listening.createContext("/", this::handle);
            listening.start();
            return listening;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        int status;
        synchronized (this) {
            Received request = new Received(headers, body, JSON.readTree(body));
            received.add(request);
            if (failingConversations.contains(request.event().at("/payload/conversation/id").asText())) {
                status = 503;
            } else {
                status = answers.isEmpty() ? otherwise : answers.poll();
            }
        }
        if (status == HANG) {
            try {
                closing.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
