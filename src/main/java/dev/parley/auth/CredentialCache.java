package dev.parley.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps recently used keys in memory so that authenticating a request needs no database round trip; the secret is
 * still compared (or the JWT signature checked) on every request.
 *
 * <p>Revocation is immediate on this server: {@link #invalidate} runs after the deleting transaction commits and
 * before its response goes out. A lookup that read the database before that commit must not put its stale result
 * back afterwards, so every invalidation moves an epoch forward under a lock, and a lookup caches its result only
 * if the epoch did not move while it read. Other servers learn of deletions through the revocation channel; the
 * time-to-live bounds how long a key could outlive a deletion whose notice was lost.
 */
public final class CredentialCache implements KeyLookup {
    private final KeyLookup store;
    private final Cache<String, ApiKey> keys;
    private final Object epochLock = new Object();
    private long epoch;

    public CredentialCache(KeyLookup store, long maximumSize, Duration timeToLive) {
        this.store = store;
        this.keys = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(timeToLive).build();
    }

    @Override
    public Optional<ApiKey> find(String keyId) {
        ApiKey cached = keys.getIfPresent(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        long epochBefore = currentEpoch();
        Optional<ApiKey> loaded = store.find(keyId);
        loaded.ifPresent(key -> {
            synchronized (epochLock) {
                if (epoch == epochBefore) {
                    keys.put(keyId, key);
                }
            }
        });
        return loaded;
    }

    /** Drops every cached key the revocation covers. */
    public void invalidate(Revocation revocation) {
        synchronized (epochLock) {
            epoch++;
        }
        if (revocation.scope() == Revocation.Scope.KEY) {
            keys.invalidate(revocation.id());
        } else {
            keys.asMap().values().removeIf(revocation::covers);
        }
    }

    /** Drops everything: when notices from other servers may have been missed. */
    public void invalidateAll() {
        synchronized (epochLock) {
            epoch++;
        }
        keys.invalidateAll();
    }

    private long currentEpoch() {
        synchronized (epochLock) {
            return epoch;
        }
    }
}
