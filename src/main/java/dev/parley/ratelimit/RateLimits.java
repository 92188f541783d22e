package dev.parley.ratelimit;

import java.util.function.Supplier;
import dev.parley.config.RateLimitConfig;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.api.ApiException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Token buckets per API key, per client address, and for failed authentications per client address, kept in this
 * server's memory. An exhausted bucket answers 429 with a Retry-After in whole seconds.
 */
public final class RateLimits {
    private static final long TRACKED = 100_000;

    private final RateLimitConfig config;
    private final Cache<String, Bucket> credentials = buckets(Duration.ofMinutes(2));
    private final Cache<String, Bucket> addresses = buckets(Duration.ofMinutes(2));
    private final Cache<String, Bucket> failedAuthentications = buckets(Duration.ofMinutes(10));

    private final Counter addressRefusals;
    private final Counter credentialRefusals;
    private final Counter lockedOutRefusals;

    /** @param registry where refusals are counted, as {@code parley_rate_limit_refusals_total} by limit */
    public RateLimits(RateLimitConfig config, MeterRegistry registry) {
        this.config = config;
        this.addressRefusals = refusals(registry, "address");
        this.credentialRefusals = refusals(registry, "credential");
        this.lockedOutRefusals = refusals(registry, "failed_authentications");
    }

    private static Counter refusals(MeterRegistry registry, String limit) {
        return Counter.builder("parley.rate.limit.refusals")
                .description("Requests refused with 429, by the limit they exceeded")
                .tag("limit", limit)
                .register(registry);
    }

    /** Every request to the API from this address. */
    public void checkAddress(String address) {
        if (config.enabled()) {
            take(addresses, address, () -> perSecond(config.perAddressPerSecond()), addressRefusals);
        }
    }

    /** Refuses an address that failed to authenticate too often lately, before its credentials are checked. */
    public void checkFailedAuthentications(String address) {
        if (!config.enabled()) {
            return;
        }
        Bucket bucket = failedAuthentications.getIfPresent(address);
        if (bucket != null && bucket.getAvailableTokens() < 1) {
            lockedOutRefusals.increment();
            throw tooMany(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill(),
                    "Too many failed authentications from this address; try again later");
        }
    }

    /** Counts one failed authentication from the address. */
    public void recordFailedAuthentication(String address) {
        if (config.enabled()) {
            failedAuthentications.get(address, a -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(config.failedAuthenticationsPerMinute())
                            .refillGreedy(config.failedAuthenticationsPerMinute(), Duration.ofMinutes(1)))
                    .build()).tryConsume(1);
        }
    }

    /** Every authenticated request with this key. */
    /**
     * Runs an authentication for a client address: refused at once while the address is locked out, and counted as
     * a failure when it throws.
     */
    public <T> T authenticating(String address, Supplier<T> authentication) {
        checkFailedAuthentications(address);
        try {
            return authentication.get();
        } catch (ApiException unauthorized) {
            recordFailedAuthentication(address);
            throw unauthorized;
        }
    }

    public void checkCredential(String keyId) {
        if (config.enabled()) {
            take(credentials, keyId, () -> perSecond(config.perCredentialPerSecond()), credentialRefusals);
        }
    }

    private static void take(Cache<String, Bucket> buckets, String key, Supplier<Bucket> newBucket,
                             Counter refusals) {
        ConsumptionProbe probe = buckets.get(key, k -> newBucket.get()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            refusals.increment();
            throw tooMany(probe.getNanosToWaitForRefill(), "Too many requests; try again later");
        }
    }

    private static Bucket perSecond(int rate) {
        return Bucket.builder().addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)))
                .build();
    }

    private static ApiException tooMany(long nanosToWait, String title) {
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        return ApiException.tooManyRequests(title, seconds);
    }

    private static Cache<String, Bucket> buckets(Duration idle) {
        return Caffeine.newBuilder().maximumSize(TRACKED).expireAfterAccess(idle).build();
    }
}
