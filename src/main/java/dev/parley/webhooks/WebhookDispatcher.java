package dev.parley.webhooks;

import dev.parley.config.WebhookConfig;
import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.Sealer;
import dev.parley.events.EventLog;
import dev.parley.store.Database;
import dev.parley.users.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs on every server, on threads of its own: claims due deliveries from the database as attempts finish, sends
 * each on a virtual thread, at most {@link #MAX_IN_FLIGHT} at once and {@link #MAX_IN_FLIGHT_PER_WEBHOOK} of one webhook,
 * and records the outcome. The backlog stays in the
 * database; no database connection is held while a request is in flight (the claim and the record are transactions
 * of their own). It looks for due deliveries when this server queued one, when an attempt ended (the next event of
 * its conversation may be due), and every {@link #POLL} otherwise, which finds other servers' deliveries and
 * retries that came due.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final int MAX_IN_FLIGHT = 64;
    /**
     * A webhook's share of {@link #MAX_IN_FLIGHT}: a receiver that hangs holds at most this many slots until its
     * timeout, and the other webhooks keep the rest. Eight attempts at once keep a receiver that answers busy across
     * its conversations (one conversation has one attempt in flight at a time anyway).
     */
    static final int MAX_IN_FLIGHT_PER_WEBHOOK = 8;
    private static final int MAX_CLAIM = 16;
    static final Duration POLL = Duration.ofMillis(500);
    /** What the dispatcher's log lines are doing, in the log's job field. */
    private static final String JOB = "webhook-delivery";

    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final Clock clock;
    /**
     * How long another server keeps off a claimed delivery: well past the attempt's timeout, so that it has been
     * recorded, unless its server died.
     */
    private final Duration lease;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final WebhookSlots slots = new WebhookSlots(MAX_IN_FLIGHT_PER_WEBHOOK);
    private final DeliverySignal signal;
    private final DeliveryMetrics metrics;
    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("parley-webhook-", 0).factory());
    private volatile boolean running = true;
    private Thread loop;

    private WebhookDispatcher(DeliveryQueue queue, WebhookSender sender, Clock clock, Duration timeout,
                              DeliverySignal signal, DeliveryMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
        this.sender = sender;
        this.clock = clock;
        this.lease = timeout.multipliedBy(2).plusSeconds(5);
        this.signal = signal;
    }

    /**
     * Starts delivering.
     *
     * @param signal the signal the server's {@link WebhookOutbox} gives when it queues deliveries
     * @param registry where the attempts' outcomes and the delivery latency are recorded
     */
    public static WebhookDispatcher start(Database database, EventLog events, IdGenerator ids, Sealer sealer,
                                          TargetAddresses addresses, WebhookConfig config, DeliverySignal signal,
                                          MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        DeliveryQueue queue = new DeliveryQueue(database, events, new WebhookPayloads(new UserStore()), ids, clock,
                new RetryPolicy(config.firstBackoff(), config.maxBackoff()));
        WebhookDispatcher dispatcher = new WebhookDispatcher(queue,
                new WebhookSender(addresses, sealer, clock, config.timeout()), clock, config.timeout(), signal,
                new DeliveryMetrics(registry));
        dispatcher.loop = Thread.ofPlatform().name("parley-webhooks").daemon().start(dispatcher::run);
        return dispatcher;
    }

    private void run() {
        MDC.put("job", JOB);
        while (running) {
            try {
                boolean more = claimAndSend();
                if (!more || inFlight.availablePermits() == 0) {
                    signal.await(POLL);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The exception's type only, like every unexpected failure: a message may quote stored data.
                LOG.warn("webhooks: looking for due deliveries failed ({}); trying again shortly",
                        e.getClass().getName());
                sleepQuietly();
            }
        }
    }

    /** Claims and starts what it may; answers whether more may be due now. */
    private boolean claimAndSend() {
        int free = Math.min(inFlight.availablePermits(), MAX_CLAIM);
        if (free == 0) {
            return false;
        }
        DeliveryQueue.Claim claim = queue.claim(free, lease, slots);
        for (DeliveryJob job : claim.jobs()) {
            inFlight.acquireUninterruptibly();
            slots.take(job.webhookId());
            attempts.execute(() -> attempt(job));
        }
        return claim.more();
    }

    private void attempt(DeliveryJob job) {
        MDC.put("job", JOB);
        try {
            Instant attemptedAt = clock.instant();
            metrics.recorded(job, queue.record(job, attemptedAt, sender.send(job)), clock.instant());
        } catch (RuntimeException e) {
            // Unrecorded, the delivery is taken up again when its lease ends.
            LOG.warn("webhooks: an attempt could not be recorded ({})", e.getClass().getName());
        } finally {
            slots.release(job.webhookId());
            inFlight.release();
            signal.run();
            MDC.remove("job");
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Stops claiming, and ends the attempts in flight as failed, to be retried after their backoff (by any server);
     * one that cannot be recorded before the database closes is taken up again when its lease ends.
     */
    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
            sender.close();
            attempts.shutdown();
            attempts.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
