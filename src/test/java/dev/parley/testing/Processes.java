package dev.parley.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Child processes of the tests: programs that must end by themselves in bounded time. */
public final class Processes {
    private Processes() {
    }

    /**
     * Waits for the process to end; past the timeout, kills it and everything it started. Answers whether it ended
     * by itself.
     */
    public static boolean awaitOrKill(Process process, Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return false;
    }
}
