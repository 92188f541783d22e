package dev.parley.auth;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.store.ReadThroughCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps recently used keys in memory so that authenticating a request needs no database round trip; the secret is
 * still compared (or the JWT signature checked) on every request.
 *
 * <p>Revocation is immediate on this server: {@link #invalidate} runs after the deleting transaction commits and
 * before its response goes out, and a lookup that read the key before that commit does not put it back (see
 * {@link ReadThroughCache}). Other servers learn of deletions through the revocation channel; the time-to-live
 * bounds how long a key could outlive a deletion whose notice was lost.
 */
public final class CredentialCache implements KeyLookup {
    private final KeyLookup store;
    private final ReadThroughCache<String, ApiKey> keys;

    public CredentialCache(KeyLookup store, long maximumSize, Duration timeToLive) {
        this.store = store;
        this.keys = new ReadThroughCache<>(
                Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(timeToLive).recordStats().build());
    }

    @Override
    public Optional<ApiKey> find(String keyId) {
        return keys.get(keyId, store::find);
    }

    /** Its hits and misses, as {@code cache_gets_total{cache="credentials"}}. */
    public void recordMetrics(MeterRegistry registry) {
        keys.recordMetrics(registry, "credentials");
    }

    /** Drops every cached key the revocation covers. */
    public void invalidate(Revocation revocation) {
        if (revocation.scope() == Revocation.Scope.KEY) {
            keys.drop(revocation.id());
        } else {
            keys.dropIf(revocation::covers);
        }
    }

    /** Drops everything: when notices from other servers may have been missed. */
    public void invalidateAll() {
        keys.dropAll();
    }
}
