package dev.parley.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.crypto.Sealer;
import dev.parley.http.Json;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Sends one attempt of a delivery: {@code POST} to the target with upstream's envelope and {@code X-API-Key}, signed
 * as Standard Webhooks says. The client connects only to the address {@link TargetAddresses} checked for this
 * attempt (the request's tag, which also keeps connections to one name apart per checked address), follows no
 * redirect, and gives the whole exchange the configured timeout. The answer's body is never read.
 */
final class WebhookSender implements AutoCloseable {
    private static final int MAX_CONNECTIONS_PER_TARGET = 16;

    private final HttpClient client;
    private final TargetAddresses addresses;
    private final Sealer sealer;
    private final Clock clock;
    private final Duration timeout;

    WebhookSender(TargetAddresses addresses, Sealer sealer, Clock clock, Duration timeout) {
        this.addresses = addresses;
        this.sealer = sealer;
        this.clock = clock;
        this.timeout = timeout;
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("parley-webhook-client");
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.setSocketAddressResolver(new CheckedAddressOnly());
        client.setConnectTimeout(timeout.toMillis());
        client.setIdleTimeout(timeout.toMillis());
        client.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_TARGET);
        // A destination per target and checked address: dropped once idle, as addresses change.
        client.setDestinationIdleTimeout(Duration.ofMinutes(1).toMillis());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Parley-Webhooks"));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the webhook client could not start", e);
        }
    }

    /** Makes the attempt and answers what came of it; never throws for anything the target does. */
    AttemptOutcome send(DeliveryJob job) {
        long started = System.nanoTime();
        if (job.event() == null) {
            return AttemptOutcome.unanswered("the event has left the event log", 0, AttemptOutcome.Verdict.FINAL);
        }
        URI target;
        InetAddress address;
        try {
            target = URI.create(job.target());
            if (target.getScheme() == null || !target.getScheme().matches("(?i)https?") || target.getHost() == null) {
                throw new IllegalArgumentException("not an http or https URL with a host");
            }
            address = addresses.check(target);
        } catch (IllegalArgumentException e) {
            return AttemptOutcome.unanswered("the target is not an http or https URL with a host", elapsed(started),
                    AttemptOutcome.Verdict.FINAL);
        } catch (TargetAddresses.RefusedTarget e) {
            return AttemptOutcome.unanswered("target refused: " + e.getMessage(), elapsed(started),
                    AttemptOutcome.Verdict.FINAL);
        } catch (UnknownHostException e) {
            return AttemptOutcome.unanswered("the target's host name does not resolve", elapsed(started),
                    AttemptOutcome.Verdict.RETRY);
        }
        String body = envelope(job);
        long timestamp = clock.instant().getEpochSecond();
        String secret;
        try {
            secret = sealer.open(job.webhookId(), job.sealedSecret());
        } catch (Sealer.SealedSecretException e) {
            return AttemptOutcome.unanswered("the webhook's secret cannot be opened with this server's master key",
                    elapsed(started), AttemptOutcome.Verdict.FINAL);
        }
        CompletableFuture<Result> done = new CompletableFuture<>();
        client.newRequest(target)
                .method(HttpMethod.POST)
                .tag(address)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .headers(headers -> headers
                        .put("X-API-Key", secret)
                        .put("webhook-id", job.messageId())
                        .put("webhook-timestamp", Long.toString(timestamp))
                        .put("webhook-signature", WebhookSignature.sign(secret, job.messageId(), timestamp, body)))
                .body(new StringRequestContent("application/json", body))
                .send(done::complete);
        try {
            Result result = done.get();
            if (result.getResponse() != null && result.getResponse().getStatus() > 0 && !result.isFailed()) {
                return AttemptOutcome.answered(result.getResponse().getStatus(), elapsed(started));
            }
            return AttemptOutcome.unanswered(describe(result.getFailure()), elapsed(started),
                    AttemptOutcome.Verdict.RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptOutcome.unanswered("interrupted: the server is stopping", elapsed(started),
                    AttemptOutcome.Verdict.RETRY);
        } catch (ExecutionException e) {
            return AttemptOutcome.unanswered(describe(e.getCause()), elapsed(started), AttemptOutcome.Verdict.RETRY);
        }
    }

    /** Words of ours: an exception's message may quote the target's answer or an internal address. */
    private String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        return "connection failed (" + (failure == null ? "unknown" : failure.getClass().getSimpleName()) + ")";
    }

    private static long elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static String envelope(DeliveryJob job) {
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.putObject("app").put("id", job.appId());
        envelope.putObject("webhook").put("id", job.webhookId()).put("version", job.version());
        envelope.putArray("events").addPOJO(job.event());
        try {
            return Json.mapper().writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook envelope could not be written", e);
        }
    }

    /** Connects a request's destination to the address checked for it, and nowhere else. */
    private static final class CheckedAddressOnly implements SocketAddressResolver {
        @Override
        public void resolve(String host, int port, Map<String, Object> context,
                            Promise<List<InetSocketAddress>> promise) {
            if (context.get(Destination.CONTEXT_KEY) instanceof Destination destination
                    && destination.getOrigin().getTag() instanceof InetAddress checked) {
                promise.succeeded(List.of(new InetSocketAddress(checked, port)));
            } else {
                promise.failed(new UnknownHostException("no checked address"));
            }
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // Stopping: the connections close with the process anyway.
        }
    }
}
