package dev.parley.auth;

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
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Verified credentials are cached, yet a deletion is honoured on the very next request to the same server, while
 * other requests with the same credentials keep the cache busy.
 */
class RevocationUnderLoadApiTest extends ApiTest {
    private static final int WORKERS = 8;

    @Test
    void aDeletedAppKeyIsRefusedOnTheNextRequest() throws Exception {
        AccountFixture account = createAccount("Revoke key", null);
        String appId = createApp(account.basic(), "Revoked");
        KeyFixture key = createAppKey(account.basic(), appId, "doomed");
        assertRefusedRightAfter(() -> api.delete("/v2/apps/" + appId + "/keys/" + key.id(), account.basic()),
                "/v2/apps/" + appId, key.basic(), key.jwt("app"));
    }

    @Test
    void deletingAnAppEndsItsKeysOnTheNextRequest() throws Exception {
        AccountFixture account = createAccount("Revoke app", null);
        String appId = createApp(account.basic(), "Deleted");
        KeyFixture key = createAppKey(account.basic(), appId, "ends with its app");
        assertRefusedRightAfter(() -> api.delete("/v2/apps/" + appId, account.basic()),
                "/v2/apps/" + appId, key.basic(), key.jwt("app"));
    }

    @Test
    void deletingAServiceAccountEndsItsKeysOnTheNextRequest() throws Exception {
        AccountFixture account = createAccount("Revoke service account", null);
        String serviceAccountId = createServiceAccount(account.basic(), "Deployment");
        KeyFixture key = createServiceAccountKey(account.basic(), serviceAccountId, "deployment key");
        assertRefusedRightAfter(() -> api.delete("/v2/serviceaccounts/" + serviceAccountId, account.basic()),
                "/v2/apps", key.basic(), key.jwt("account"));
    }

    @Test
    void deletingAnAccountEndsItsKeysOnTheNextRequest() throws Exception {
        AccountFixture account = createAccount("Revoke account", null);
        assertRefusedRightAfter(() -> api.delete("/admin/accounts/" + account.id(), server.operator()),
                "/v2/apps", account.basic(), account.jwt());
    }

    @Test
    void aDeletedAccountKeyIsRefusedOnTheNextRequest() throws Exception {
        AccountFixture account = createAccount("Revoke account key", null);
        Response second = api.post("/admin/accounts/" + account.id() + "/keys", server.operator(),
                "{\"displayName\":\"second\"}");
        KeyFixture key = key(second.json().path("key"));
        assertRefusedRightAfter(
                () -> api.delete("/admin/accounts/" + account.id() + "/keys/" + key.id(), server.operator()),
                "/v2/apps", key.basic(), key.jwt("account"));
    }

    /**
     * Keeps requests with the credentials in flight from several threads, deletes, and checks that every request
     * sent after the deletion's response was refused, and that the credentials worked (and were cached) before.
     */
    private static void assertRefusedRightAfter(Supplier<Response> deletion, String path, Auth... credentials)
            throws Exception {
        for (Auth auth : credentials) {
            assertThat(api.get(path, auth).status()).as("works before the deletion").isEqualTo(200);
        }
        AtomicBoolean deleted = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<List<String>>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS)) {
            for (int w = 0; w < WORKERS; w++) {
                Auth auth = credentials[w % credentials.length];
                workers.add(pool.submit(() -> {
                    List<String> violations = new ArrayList<>();
                    int afterDeletion = 0;
                    while (!stop.get() && afterDeletion < 20) {
                        boolean sentAfterDeletion = deleted.get();
                        int status = api.get(path, auth).status();
                        if (sentAfterDeletion) {
                            afterDeletion++;
                            if (status != 401) {
                                violations.add("answered " + status + " after the deletion");
                            }
                        }
                    }
                    return violations;
                }));
            }
            Thread.sleep(100);
            assertThat(deletion.get().status()).isEqualTo(200);
            deleted.set(true);
            Thread.sleep(300);
            stop.set(true);
            for (Future<List<String>> worker : workers) {
                assertThat(worker.get()).isEmpty();
            }
        }
        for (Auth auth : credentials) {
            assertThat(api.get(path, auth).status()).isEqualTo(401);
        }
    }
}
