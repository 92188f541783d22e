package dev.parley.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Apps may be kept in memory for reads; every read sent after a change was answered still sees the change, while
 * other requests keep reading the same app.
 */
class AppReadsUnderChangeApiTest extends ApiTest {
    private static final int READERS = 6;
    private static final int UPDATES = 40;
    private static final int GONE = Integer.MAX_VALUE;

    @Test
    void everyReadSentAfterAChangeWasAnsweredSeesIt() throws Exception {
        AccountFixture account = createAccount("Reads under change", null);
        String appId = createApp(account.basic(), "version 0");
        KeyFixture key = createAppKey(account.basic(), appId, "reader");
        List<Auth> credentials = List.of(account.basic(), key.basic(), account.jwt(), key.jwt("app"));
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<List<String>>> readers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(READERS)) {
            for (int r = 0; r < READERS; r++) {
                Auth auth = credentials.get(r % credentials.size());
                readers.add(pool.submit(() -> {
                    List<String> stale = new ArrayList<>();
                    while (!stop.get()) {
                        int atLeast = answered.get();
                        Response read = api.get("/v2/apps/" + appId, auth);
                        int seen = versionIn(read);
                        if (seen < atLeast) {
                            stale.add("sent after change " + atLeast + " was answered, got " + read);
                        }
                    }
                    return stale;
                }));
            }
            for (int version = 1; version <= UPDATES; version++) {
                Response updated = version % 2 == 0
                        ? api.patch("/v2/apps/" + appId, account.basic(), "{\"displayName\":\"version " + version + "\"}")
                        : api.put("/v1.1/apps/" + appId, account.basic(), "{\"name\":\"version " + version + "\"}");
                assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
                answered.set(version);
            }
            assertThat(api.delete("/v2/apps/" + appId, account.basic()).status()).isEqualTo(200);
            answered.set(GONE);
            Thread.sleep(200);
            stop.set(true);
            for (Future<List<String>> reader : readers) {
                assertThat(reader.get()).as("reads older than a change already answered").isEmpty();
            }
        }
        assertThat(api.get("/v2/apps/" + appId, account.basic()).status()).isEqualTo(404);
        assertThat(api.get("/v1.1/apps/" + appId, account.basic()).status()).isEqualTo(404);
    }

    /** The version in the app's name; {@link #GONE} once the app (and so its key) is deleted; -1 for anything else. */
    private static int versionIn(Response read) {
        if (read.status() == 200 && read.at("/app/displayName").startsWith("version ")) {
            return Integer.parseInt(read.at("/app/displayName").substring("version ".length()));
        }
        return read.status() == 404 || read.status() == 401 ? GONE : -1;
    }
}
