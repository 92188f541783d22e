package dev.parley.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.Revocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppCacheTest {
    private final List<String> reads = new ArrayList<>();

    private Optional<App> read(String appId, String accountId) {
        reads.add(appId);
        return Optional.of(new App(appId, accountId, "App " + appId, "token", AppSettings.DEFAULTS, null));
    }

    private void readAll(AppCache cache) {
        cache.find("a1", id -> read(id, "account-a"));
        cache.find("a2", id -> read(id, "account-a"));
        cache.find("b1", id -> read(id, "account-b"));
    }

    @Test
    void dropsWhatADeletionTookWithIt() {
        AppCache cache = AppCache.forEmbeddedDatabase();
        readAll(cache);
        readAll(cache);
        assertThat(reads).as("kept after the first read").containsExactly("a1", "a2", "b1");

        reads.clear();
        cache.drop(Revocation.ofKey("some-key"));
        cache.drop(Revocation.ofServiceAccount("some-service-account"));
        readAll(cache);
        assertThat(reads).as("apps outlive keys and service accounts").isEmpty();

        cache.drop(Revocation.ofAccount("account-a"));
        readAll(cache);
        assertThat(reads).as("the deleted account's apps only").containsExactly("a1", "a2");

        reads.clear();
        cache.drop(Revocation.ofApp("b1"));
        readAll(cache);
        assertThat(reads).containsExactly("b1");
    }

    @Test
    void keepsNothingWhenAnotherServerCouldChangeApps() {
        AppCache cache = AppCache.none();
        readAll(cache);
        readAll(cache);
        assertThat(reads).containsExactly("a1", "a2", "b1", "a1", "a2", "b1");
    }
}
