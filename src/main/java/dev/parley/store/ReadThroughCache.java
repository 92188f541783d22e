package dev.parley.store;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Rows read recently, kept in memory until a change drops them; a change drops them after its transaction commits
 * and before its response goes out, so the next read sees it.
 *
 * <p>A read that went to the database before a change committed must not put its stale result back after the
 * change dropped it: every drop moves an epoch forward under a lock, and a read keeps its result only if the epoch
 * did not move while it read.
 */
public final class ReadThroughCache<K, V> {
    private final Cache<K, V> entries;
    private final Object epochLock = new Object();
    private long epoch;

    /** Keeps what it reads in {@code entries}, whose bounds (size, time to live) are the caller's to choose. */
    public ReadThroughCache(Cache<K, V> entries) {
        this.entries = entries;
    }

    /** The cached value, or what {@code read} finds, which is then kept (unless a drop came in between). */
    public Optional<V> get(K key, Function<K, Optional<V>> read) {
        V cached = entries.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long epochBefore = currentEpoch();
        Optional<V> found = read.apply(key);
        found.ifPresent(value -> {
            synchronized (epochLock) {
                if (epoch == epochBefore) {
                    entries.put(key, value);
                }
            }
        });
        return found;
    }

    /**
     * Its hits, misses, evictions and size as {@code cache_*} series under that name; the cache must record its
     * statistics ({@code Caffeine.recordStats()}).
     */
    public void recordMetrics(MeterRegistry registry, String name) {
        CaffeineCacheMetrics.monitor(registry, entries, name);
    }

    public void drop(K key) {
        advanceEpoch();
        entries.invalidate(key);
    }

    public void dropIf(Predicate<V> condition) {
        advanceEpoch();
        entries.asMap().values().removeIf(condition);
    }

    public void dropAll() {
        advanceEpoch();
        entries.invalidateAll();
    }

    private void advanceEpoch() {
        synchronized (epochLock) {
            epoch++;
        }
    }

    private long currentEpoch() {
        synchronized (epochLock) {
            return epoch;
        }
    }
}
