package dev.parley.purge;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How one run of the purges spends its batches, with jobs that only count. */
class PurgesTest {

    /** A job with {@code rows} rows left, deleting {@code batchSize} at a time. */
    private static final class Backlog implements PurgeJob {
        private final AtomicInteger batches = new AtomicInteger();
        private int rows;
        private final int batchSize;

        Backlog(int rows, int batchSize) {
            this.rows = rows;
            this.batchSize = batchSize;
        }

        @Override
        public String name() {
            return "backlog";
        }

        @Override
        public String id() {
            return "backlog";
        }

        @Override
        public int runBatch() {
            batches.incrementAndGet();
            int deleted = Math.min(rows, batchSize);
            rows -= deleted;
            return deleted;
        }
    }

    @Test
    void aRunStopsAJobWhenNothingIsLeftAndBoundsALargeBacklog() {
        Backlog small = new Backlog(2_500, 1_000);
        Backlog large = new Backlog(Purges.MAX_BATCHES_PER_RUN * 10 + 5, 10);

        new Purges(List.of(small, large), new SimpleMeterRegistry()).runOnce();

        assertThat(small.batches).hasValue(4);
        assertThat(small.rows).isZero();
        assertThat(large.batches).hasValue(Purges.MAX_BATCHES_PER_RUN);
        assertThat(large.rows).isEqualTo(5);
    }

    @Test
    void aFailingJobDoesNotStopTheOthers() {
        PurgeJob failing = new PurgeJob() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public String id() {
                return "failing";
            }

            @Override
            public int runBatch() {
                throw new IllegalStateException("the database went away");
            }
        };
        Backlog after = new Backlog(10, 10);

        new Purges(List.of(failing, after), new SimpleMeterRegistry()).runOnce();

        assertThat(after.rows).isZero();
    }
}
