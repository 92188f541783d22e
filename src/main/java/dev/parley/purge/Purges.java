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
    private ScheduledExecutorService schedule;

    public Purges(List<PurgeJob> jobs) {
        this.jobs = List.copyOf(jobs);
    }

    /** Every purge Parley runs, with the standard batch size, and the jobs of features beyond this package. */
    public static Purges standard(Database database, AppStore apps, Clock clock, Duration eventRetention,
                                  List<PurgeJob> featureJobs) {
        List<PurgeJob> jobs = new ArrayList<>(List.of(
                new DeletedAppPurge(database, clock, DELETED_APP_GRACE, BATCH_SIZE),
                new MessageRetention(database, apps, clock, BATCH_SIZE),
                ExpiredRows.events(database, clock, eventRetention, BATCH_SIZE),
                ExpiredRows.idempotencyKeys(database, clock, BATCH_SIZE)));
        jobs.addAll(ExpiredRows.webhookDeliveries(database, clock, eventRetention, BATCH_SIZE));
        jobs.addAll(featureJobs);
        return new Purges(jobs);
    }

    /**
     * Runs every job until it has nothing left or has run its most batches; a job that fails is logged and the
     * others still run.
     */
    public void runOnce() {
        for (PurgeJob job : jobs) {
            try {
                for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
                    int deleted = job.runBatch();
                    if (deleted == 0) {
                        break;
                    }
                    LOG.info("purge: deleted {} rows of {}", deleted, job.name());
                }
            } catch (RuntimeException e) {
                // The exception's type only, like every unexpected failure: a message may quote stored data.
                LOG.warn("purge: {} failed ({}); tried again at the next run", job.name(), e.getClass().getName());
            }
        }
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
