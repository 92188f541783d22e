package dev.parley.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for something another thread or process brings about (a database back, a deletion reaching another
 * server, a line in a log): ask again and again, up to a deadline, never sleeping a fixed time and hoping.
 */
public final class Polling {
    private static final Duration PAUSE = Duration.ofMillis(20);

    private Polling() {
    }

    /**
     * Asks {@code probe} until its answer is {@code done} or {@code timeout} has passed, and returns the last
     * answer either way, for the test to assert on.
     */
    public static <T> T until(Supplier<T> probe, Predicate<? super T> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T answer = probe.get();
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(PAUSE);
            answer = probe.get();
        }
        return answer;
    }
}
