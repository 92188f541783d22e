package dev.parley.webhooks;

/**
 * What one attempt came to: the target's status code, or the error that left no answer (words of ours, never an
 * exception's message or anything of the target's answer).
 */
record AttemptOutcome(Integer statusCode, String error, long latencyMillis, Verdict verdict) {

    enum Verdict {
        DELIVERED,
        /** Tried again after a backoff, until the retry period ends. */
        RETRY,
        /** Given up on at once. */
        FINAL
    }

    static AttemptOutcome answered(int statusCode, long latencyMillis) {
        return new AttemptOutcome(statusCode, null, latencyMillis, RetryPolicy.verdictFor(statusCode));
    }

    /** The error is cut to the 200 characters the delivery log keeps. */
    static AttemptOutcome unanswered(String error, long latencyMillis, Verdict verdict) {
        return new AttemptOutcome(null, error.length() > 200 ? error.substring(0, 200) : error, latencyMillis,
                verdict);
    }
}
