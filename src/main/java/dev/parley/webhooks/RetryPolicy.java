package dev.parley.webhooks;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which answers end a delivery, and how long to wait before the next attempt. As upstream: 2xx delivers; 400, 401,
 * 403, 404 and 406 are final (the target refuses this request, and would refuse it again); every other answer
 * (3xx, since redirects are not followed, 408, 429, 5xx and the rest), a timeout and a connection failure are
 * tried again, after a wait that doubles from the first step up to the cap, of which a random half is taken off so
 * that deliveries failing together do not come back together.
 */
final class RetryPolicy {
    private static final Set<Integer> FINAL = Set.of(400, 401, 403, 404, 406);

    private final Duration firstStep;
    private final Duration cap;

    RetryPolicy(Duration firstStep, Duration cap) {
        this.firstStep = firstStep;
        this.cap = cap;
    }

    static AttemptOutcome.Verdict verdictFor(int statusCode) {
        if (statusCode >= 200 && statusCode < 300) {
            return AttemptOutcome.Verdict.DELIVERED;
        }
        return FINAL.contains(statusCode) ? AttemptOutcome.Verdict.FINAL : AttemptOutcome.Verdict.RETRY;
    }

    /** The wait after the {@code attempt}th failed attempt (from 1). */
    Duration backoff(int attempt) {
        long millis = firstStep.toMillis();
        for (int i = 1; i < attempt && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        millis = Math.min(millis, cap.toMillis());
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }
}
