package dev.parley.config;

import dev.parley.config.ConfigException;
import java.util.Map;

/**
 * The rate limits, per server, from the environment:
 * PARLEY_RATE_LIMITS ({@code on} by default, {@code off} turns every limit off, for benchmarks and load tests),
 * PARLEY_RATE_LIMIT_CREDENTIAL (requests per second per API key, default 100),
 * PARLEY_RATE_LIMIT_ADDRESS (requests per second per client address, default 200) and
 * PARLEY_RATE_LIMIT_FAILED_AUTH (failed authentications per minute per client address, default 10).
 * Each limit allows a burst of one second's (or, for failed authentications, one minute's) worth at once.
 */
public record RateLimitConfig(boolean enabled, int perCredentialPerSecond, int perAddressPerSecond,
                              int failedAuthenticationsPerMinute) {

    public static final RateLimitConfig OFF = new RateLimitConfig(false, 0, 0, 0);

    public static RateLimitConfig from(Map<String, String> env) {
        String switchValue = env.getOrDefault("PARLEY_RATE_LIMITS", "on").strip();
        if (!switchValue.equals("on") && !switchValue.equals("off")) {
            throw new ConfigException("PARLEY_RATE_LIMITS must be on or off, not '" + switchValue + "'");
        }
        return new RateLimitConfig(switchValue.equals("on"),
                positive(env, "PARLEY_RATE_LIMIT_CREDENTIAL", 100),
                positive(env, "PARLEY_RATE_LIMIT_ADDRESS", 200),
                positive(env, "PARLEY_RATE_LIMIT_FAILED_AUTH", 10));
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number above 0, not '" + text + "'");
    }
}
