package dev.parley.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on the creations: retries answer the first answer and create nothing more. */
class IdempotencyApiTest extends ApiTest {
    private static final String BODY = "{\"displayName\":\"Retried\"}";

    @Test
    void aRetryWithTheSameKeyAndBodyAnswersTheFirstAnswerAndCreatesNothing() {
        AccountFixture account = createAccount("Idem retry", null);
        String key = newKey();

        Response first = postApp(account.basic(), key, BODY);
        Response retry = postApp(account.basic(), key, BODY);
        Response retryWithJwt = postApp(account.jwt(), key, BODY);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        for (Response again : List.of(retry, retryWithJwt)) {
            assertThat(again.status()).as(again.toString()).isEqualTo(201);
            assertThat(again.text()).isEqualTo(first.text());
            assertThat(again.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
            assertThat(again.header("Content-Type")).startsWith("application/json");
        }
        assertThat(appIds(account.basic())).containsExactly(first.at("/app/id"));
        assertThat(auditedActions(account.id())).as("recorded once").containsOnlyOnce("app.create");
    }

    @Test
    void aServiceAccountKeyRetriesItsOwnCreation() {
        AccountFixture account = createAccount("Idem service account", null);
        Auth serviceKey = serviceAccountKey(account);
        String key = newKey();

        Response first = postApp(serviceKey, key, BODY);
        Response retry = postApp(serviceKey, key, BODY);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(appIds(serviceKey)).containsExactly(first.at("/app/id"));
    }

    @Test
    void aForbiddenRequestLeavesTheKeyFree() {
        AccountFixture account = createAccount("Idem forbidden", null);
        Auth appKey = createAppKey(account.basic(), createApp(account.basic(), "Existing"), "App key").basic();
        String key = newKey();

        assertError(postApp(appKey, key, BODY), 403, "forbidden");
        Response byAccountKey = postApp(account.basic(), key, BODY);

        assertThat(byAccountKey.status()).as(byAccountKey.toString()).isEqualTo(201);
        assertThat(byAccountKey.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertError(postApp(appKey, key, BODY), 422, "idempotency_key_reused");
    }

    @Test
    void theSameKeyWithAnotherBodyAnswers422AndCreatesNothing() {
        AccountFixture account = createAccount("Idem other body", null);
        String key = newKey();
        Response first = postApp(account.basic(), key, BODY);

        Response other = postApp(account.basic(), key, "{\"displayName\":\"Another\"}");

        assertError(other, 422, "idempotency_key_reused");
        assertThat(other.json().at("/errors/0/title").asText()).contains("another request body");
        assertThat(appIds(account.basic())).containsExactly(first.at("/app/id"));
    }

    @Test
    void anotherKeyOfTheAccountCannotReplayTheAnswer() {
        AccountFixture account = createAccount("Idem other credential", null);
        Auth serviceKey = serviceAccountKey(account);
        String key = newKey();
        Response first = postApp(account.basic(), key, BODY);

        assertError(postApp(serviceKey, key, BODY), 422, "idempotency_key_reused");
        assertThat(appIds(account.basic())).containsExactly(first.at("/app/id"));
    }

    @Test
    void accountsRememberTheirKeysIndependently() {
        AccountFixture one = createAccount("Idem one", null);
        AccountFixture two = createAccount("Idem two", null);
        String key = newKey();

        Response ofOne = postApp(one.basic(), key, BODY);
        Response ofTwo = postApp(two.basic(), key, BODY);

        assertThat(ofOne.status()).isEqualTo(201);
        assertThat(ofTwo.status()).as(ofTwo.toString()).isEqualTo(201);
        assertThat(ofTwo.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(appIds(one.basic())).containsExactly(ofOne.at("/app/id"));
        assertThat(appIds(two.basic())).containsExactly(ofTwo.at("/app/id"));
    }

    @Test
    void aKeyIsOneTo200PrintableCharacters() {
        AccountFixture account = createAccount("Idem key shape", null);

        for (String badKey : List.of("k".repeat(201), "", "tab\tinside")) {
            assertError(postApp(account.basic(), badKey, BODY), 400, "bad_request", "key \"" + badKey + "\"");
        }
        assertThat(appIds(account.basic())).isEmpty();

        Response longest = postApp(account.basic(), "k".repeat(199) + "~", BODY);
        assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
        Response withSpaces = postApp(account.basic(), "a key with spaces", BODY);
        assertThat(withSpaces.status()).as(withSpaces.toString()).isEqualTo(201);
        assertThat(appIds(account.basic())).hasSize(2);
    }

    @Test
    void aKeyIsRememberedFor24Hours() {
        AccountFixture account = createAccount("Idem expiry", null);
        String key = newKey();
        Response first = postApp(account.basic(), key, BODY);

        server.clock().advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(postApp(account.basic(), key, BODY).header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");

        server.clock().advance(Duration.ofMinutes(2));
        Response afterADay = postApp(account.basic(), key, "{\"displayName\":\"A day later\"}");
        assertThat(afterADay.status()).as(afterADay.toString()).isEqualTo(201);
        assertThat(afterADay.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(appIds(account.basic())).containsExactly(first.at("/app/id"), afterADay.at("/app/id"));
    }

    @Test
    void anErrorIsNotRememberedSoARetryMaySucceed() {
        AccountFixture account = createAccount("Idem plan full", 1);
        String existing = createApp(account.basic(), "Taking the only slot");
        String key = newKey();

        assertError(postApp(account.basic(), key, BODY), 402, "payment_required");
        assertEmptyOk(api.delete("/v2/apps/" + existing, account.basic()));
        Response retry = postApp(account.basic(), key, BODY);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(appIds(account.basic())).containsExactly(retry.at("/app/id"));
    }

    @Test
    void routesNotListedIgnoreTheHeader() {
        AccountFixture account = createAccount("Idem other route", null);
        String appId = createApp(account.basic(), "With keys");
        String key = newKey();

        for (int i = 0; i < 2; i++) {
            Response created = api.send("POST", "/v2/apps/" + appId + "/keys", account.basic(), "application/json",
                    "{\"displayName\":\"k\"}", Map.of(IdempotentRequests.KEY_HEADER, key));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        }
        assertThat(api.get("/v2/apps/" + appId + "/keys", account.basic()).json().path("keys")).hasSize(2);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneApp() throws Exception {
        AccountFixture account = createAccount("Idem concurrent", null);
        String key = newKey();
        int requests = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return postApp(account.basic(), key, BODY);
                }));
            }
            start.countDown();
        }

        List<String> ids = appIds(account.basic());
        assertThat(ids).hasSize(1);
        int firstAnswers = 0;
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            if (response.status() == 409) {
                assertError(response, 409, "conflict");
                continue;
            }
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            assertThat(response.at("/app/id")).isEqualTo(ids.getFirst());
            if (response.header(IdempotentRequests.REPLAYED_HEADER) == null) {
                firstAnswers++;
            }
        }
        assertThat(firstAnswers).as("answers that created the app").isEqualTo(1);
    }

    @Test
    void aRequestWhoseKeyIsHeldByARunningOneAnswers409AfterWaiting() throws Exception {
        AccountFixture account = createAccount("Idem in progress", null);
        String key = newKey();

        try (Connection connection = server.connect(); Handle running = Jdbi.open(connection)) {
            running.begin();
            assertThat(new IdempotencyKeyStore(database == TestDatabase.POSTGRES).claim(running,
                    new RequestKey(account.id(), "/v2/apps", key), "digest of a request still running",
                    server.clock().instant())).isTrue();

            assertError(postApp(account.basic(), key, BODY), 409, "conflict");
            running.rollback();
        }
        assertThat(appIds(account.basic())).isEmpty();
        assertThat(postApp(account.basic(), key, BODY).status()).as("free once that request failed").isEqualTo(201);
    }

    @Test
    void thePurgeDeletesKeysUsedBeforeItsCutoff() throws Exception {
        AccountFixture account = createAccount("Idem purge", null);
        String key = newKey();
        Response first = postApp(account.basic(), key, BODY);
        IdempotencyKeyStore keys = new IdempotencyKeyStore(database == TestDatabase.POSTGRES);

        try (Connection connection = server.connect(); Handle handle = Jdbi.open(connection)) {
            keys.deleteOlderThan(handle, server.clock().instant().minus(Duration.ofHours(1)));
            assertThat(postApp(account.basic(), key, BODY).header(IdempotentRequests.REPLAYED_HEADER))
                    .as("kept: used after the cutoff").isEqualTo("true");

            assertThat(keys.deleteOlderThan(handle, server.clock().instant().plusSeconds(1))).isPositive();
        }
        Response again = postApp(account.basic(), key, BODY);
        assertThat(again.header(IdempotentRequests.REPLAYED_HEADER)).as("forgotten").isNull();
        assertThat(appIds(account.basic())).containsExactly(first.at("/app/id"), again.at("/app/id"));
    }

    private static Response postApp(Auth auth, String key, String body) {
        return api.send("POST", "/v2/apps", auth, "application/json", body,
                Map.of(IdempotentRequests.KEY_HEADER, key));
    }

    private static List<String> appIds(Auth auth) {
        Response apps = api.get("/v2/apps?page[size]=100", auth);
        assertThat(apps.status()).as(apps.toString()).isEqualTo(200);
        return idsOf(apps.json().path("apps"));
    }

    /** The key of a new service account of the account. */
    private static Auth serviceAccountKey(AccountFixture account) {
        String serviceAccount = createServiceAccount(account.basic(), "Deployment");
        return createServiceAccountKey(account.basic(), serviceAccount, "Deployment key").basic();
    }

    /** The actions the audit log holds for the account, oldest first. */
    private static List<String> auditedActions(String accountId) {
        Response events = api.get("/admin/audit?filter[accountId]=" + accountId + "&page[size]=100", server.operator());
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        events.json().path("events").forEach(event -> actions.add(event.path("action").asText()));
        return actions;
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
