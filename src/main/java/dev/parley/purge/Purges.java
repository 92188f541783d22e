package dev.parley.purge;

import dev.parley.apps.AppStore;
import dev.parley.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The background deletions, run on every server on a thread of their own, never a request's. They coordinate
 * through the database alone (row locks taken with {@code SKIP LOCKED}), so any number of servers may run them at
 * once; each run does a bounded number of bounded batches per job, and leaves the rest to the next run.
 */
public final class Purges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Purges.class);
    public static final int BATCH_SIZE = 1_000;
    /** Left alone after its deletion, so that a request that found the app just before has finished writing. */
    public static final Duration DELETED_APP_GRACE = Duration.ofMinutes(1);
    /** Batches of one job per run: a large backlog does not hold up the other jobs. */
    static final int MAX_BATCHES_PER_RUN = 100;

    private final List<PurgeJob> jobs;
    private final MeterRegistry registry;
    private final Counter runs;
    private final AtomicLong lastRunEnd = new AtomicLong();
    private ScheduledExecutorService schedule;

    /**
     * @param registry where the runs are recorded: {@code parley_purge_runs_total}, {@code
     *                 parley_purge_last_run_timestamp_seconds}, and by job {@code parley_purge_rows_deleted_total}
     *                 and {@code parley_purge_failures_total}
     */
    public Purges(List<PurgeJob> jobs, MeterRegistry registry) {
        this.jobs = List.copyOf(jobs);
        this.registry = registry;
        this.runs = Counter.builder("parley.purge.runs").description("Runs of the background purges")
                .register(registry);
        Gauge.builder("parley.purge.last.run.timestamp", lastRunEnd, AtomicLong::get)
                .description("When the last run of the background purges ended, in seconds since the epoch")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Every purge Parley runs, with the standard batch size, and the jobs of features beyond this package. */
    public static Purges standard(Database database, AppStore apps, Clock clock, Duration eventRetention,
                                  List<PurgeJob> featureJobs, MeterRegistry registry) {
        List<PurgeJob> jobs = new ArrayList<>(List.of(
                new DeletedAppPurge(database, clock, DELETED_APP_GRACE, BATCH_SIZE),
                new MessageRetention(database, apps, clock, BATCH_SIZE),
                ExpiredRows.events(database, clock, eventRetention, BATCH_SIZE),
                ExpiredRows.idempotencyKeys(database, clock, BATCH_SIZE)));
        jobs.addAll(ExpiredRows.webhookDeliveries(database, clock, eventRetention, BATCH_SIZE));
        jobs.addAll(featureJobs);
        return new Purges(jobs, registry);
    }

    /**
     * Runs every job until it has nothing left or has run its most batches; a job that fails is logged and the
     * others still run.
     */
    public void runOnce() {
        for (PurgeJob job : jobs) {
            MDC.put("job", "purge:" + job.id());
            try {
                for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
                    int deleted = job.runBatch();
                    if (deleted == 0) {
                        break;
                    }
                    byJob("parley.purge.rows.deleted", "Rows the background purges deleted, by job", job)
                            .increment(deleted);
                    LOG.info("purge: deleted {} rows of {}", deleted, job.name());
                }
            } catch (RuntimeException e) {
                byJob("parley.purge.failures", "Purge runs of a job that failed, by job", job).increment();
                // The exception's type only, like every unexpected failure: a message may quote stored data.
                LOG.warn("purge: {} failed ({}); tried again at the next run", job.name(), e.getClass().getName());
            } finally {
                MDC.remove("job");
            }
        }
        runs.increment();
        lastRunEnd.set(Instant.now().getEpochSecond());
    }

    private Counter byJob(String name, String description, PurgeJob job) {
        return Counter.builder(name).description(description).tag("job", job.id()).register(registry);
    }

    /**
     * Runs the purges about every {@code interval}, give or take a fifth at random so servers started together
     * spread their runs; a zero interval runs none on this server.
     */
    public void start(Duration interval) {
        if (interval.isZero()) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("parley-purge").daemon()
                .factory());
        scheduleNext(interval);
    }

    private void scheduleNext(Duration interval) {
        long millis = interval.toMillis();
        long delay = millis + ThreadLocalRandom.current().nextLong(-millis / 5, millis / 5 + 1);
        schedule.schedule(() -> {
            runOnce();
            if (!schedule.isShutdown()) {
                scheduleNext(interval);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule, waiting briefly for a batch in flight, which is one transaction. */
    @Override
    public void close() {
        if (schedule == null) {
            return;
        }
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
