package dev.parley.apps;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.auth.Revocation;
import dev.parley.store.ReadThroughCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Apps read recently, kept only on the embedded database. There this server is the database's one user: every
 * change to an app passes through it and drops the app here before its response goes out. Several servers may share
 * PostgreSQL, and one server's change would reach another's cache only with the revocation channel's delay, so there
 * every read goes to the database and a write on any server is seen by the next read on every server.
 */
public final class AppCache {
    /** About 4 MB of text: thousands of apps, a small part of the recommended heap. */
    private static final long MAX_CACHED_CHARS = 2_000_000;
    private static final int CHARS_OF_SETTINGS = 200;
    /** A safety net only: nothing changes an app without dropping it here. */
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final ReadThroughCache<String, App> apps;

    private AppCache(ReadThroughCache<String, App> apps) {
        this.apps = apps;
    }

    public static AppCache forEmbeddedDatabase() {
        return new AppCache(new ReadThroughCache<>(Caffeine.newBuilder()
                .maximumWeight(MAX_CACHED_CHARS)
                .weigher((String id, App app) -> chars(app))
                .expireAfterWrite(LIFETIME)
                .recordStats()
                .build()));
    }

    /** Every read goes to the database. */
    public static AppCache none() {
        return new AppCache(null);
    }

    /** Its hits and misses, as {@code cache_gets_total{cache="apps"}}; none on PostgreSQL, where nothing is cached. */
    public void recordMetrics(MeterRegistry registry) {
        if (apps != null) {
            apps.recordMetrics(registry, "apps");
        }
    }

    Optional<App> find(String appId, Function<String, Optional<App>> read) {
        return apps == null ? read.apply(appId) : apps.get(appId, read);
    }

    /** Drops the app once the changing transaction commits, before its response goes out. */
    void dropAfterCommit(Handle handle, String appId) {
        if (apps != null) {
            handle.afterCommit(() -> apps.drop(appId));
        }
    }

    /** Drops the apps a committed deletion took with it: the app, or every app of the account. */
    public void drop(Revocation revocation) {
        if (apps == null) {
            return;
        }
        switch (revocation.scope()) {
            case APP -> apps.drop(revocation.id());
            case ACCOUNT -> apps.dropIf(app -> app.accountId().equals(revocation.id()));
            case KEY, SERVICE_ACCOUNT, INTEGRATION -> {
                // Apps outlive their keys, their integrations and the service accounts that created them.
            }
        }
    }

    private static int chars(App app) {
        return app.id().length() + app.accountId().length() + app.displayName().length() + app.appToken().length()
                + (app.metadata() == null ? 0 : app.metadata().length()) + CHARS_OF_SETTINGS;
    }
}
