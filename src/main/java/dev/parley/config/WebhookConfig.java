package dev.parley.config;

import java.time.Duration;
import java.util.Map;

/**
 * How webhooks are delivered, from the environment:
 * PARLEY_WEBHOOK_TIMEOUT_SECONDS (how long a target has to answer, default 20),
 * PARLEY_WEBHOOK_RETRY_HOURS (how long a failing delivery is retried, default 24),
 * PARLEY_WEBHOOK_BACKOFF_FIRST_MILLIS (the wait before the first retry, doubled at each retry, default 5000) and
 * PARLEY_WEBHOOK_BACKOFF_MAX_SECONDS (the longest wait between two attempts, default 900) and
 * PARLEY_WEBHOOK_BACKLOG_SECONDS (how long the oldest due delivery may wait before {@code /health} reports the
 * backlog {@code behind}, default 300).
 */
public record WebhookConfig(Duration timeout, Duration retryPeriod, Duration firstBackoff, Duration maxBackoff,
                            Duration backlogLimit) {

    public static WebhookConfig from(Map<String, String> env) {
        Duration firstBackoff = Duration.ofMillis(positive(env, "PARLEY_WEBHOOK_BACKOFF_FIRST_MILLIS", 5_000, 3_600_000));
        Duration maxBackoff = Duration.ofSeconds(positive(env, "PARLEY_WEBHOOK_BACKOFF_MAX_SECONDS", 900, 86_400));
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            throw new ConfigException("PARLEY_WEBHOOK_BACKOFF_MAX_SECONDS must not be shorter than "
                    + "PARLEY_WEBHOOK_BACKOFF_FIRST_MILLIS");
        }
        return new WebhookConfig(
                Duration.ofSeconds(positive(env, "PARLEY_WEBHOOK_TIMEOUT_SECONDS", 20, 600)),
                Duration.ofHours(positive(env, "PARLEY_WEBHOOK_RETRY_HOURS", 24, 720)),
                firstBackoff, maxBackoff,
                Duration.ofSeconds(positive(env, "PARLEY_WEBHOOK_BACKLOG_SECONDS", 300, 86_400)));
    }

    private static long positive(Map<String, String> env, String name, long fallback, long max) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        if (text.strip().matches("[0-9]{1,9}")) {
            long value = Long.parseLong(text.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        }
        throw new ConfigException(name + " must be a whole number from 1 to " + max + ", not '" + text + "'");
    }
}
