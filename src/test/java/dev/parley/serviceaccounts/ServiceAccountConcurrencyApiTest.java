package dev.parley.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Race;
import dev.parley.testing.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Service accounts racing for the account's last app slots, and for their own key slots and grants. */
class ServiceAccountConcurrencyApiTest extends ApiTest {
    private static final int REQUESTS = 40;

    @Test
    void serviceAccountsRacingForTheLastAppSlotsNeverPassThePlan() throws Exception {
        AccountFixture account = createAccount("SA racing plan", 5);
        List<String> serviceAccounts = List.of(createServiceAccount(account.basic(), "Racer A"),
                createServiceAccount(account.basic(), "Racer B"));
        List<KeyFixture> keys = List.of(createServiceAccountKey(account.basic(), serviceAccounts.get(0), "a"),
                createServiceAccountKey(account.basic(), serviceAccounts.get(1), "b"));

        // Request i is sent by service account i % 2, over Basic or JWT by turns.
        List<Response> answers = race(i -> {
            KeyFixture key = keys.get(i % 2);
            Auth auth = (i / 2) % 2 == 0 ? key.basic() : key.jwt("account");
            return api.post("/v2/apps", auth, "{\"displayName\":\"Race " + i + "\"}");
        });

        Map<Integer, Long> statuses = answers.stream()
                .collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(statuses).as("every answer is 201 or 402: %s", statuses).containsOnlyKeys(201, 402);
        assertThat(statuses.get(201)).isEqualTo(5);
        assertThat(statuses.get(402)).isEqualTo(REQUESTS - 5);
        for (Response answer : answers) {
            if (answer.status() == 402) {
                assertThat(answer.errorCode()).isEqualTo("payment_required");
            }
        }

        List<Set<String>> createdBy = List.of(new HashSet<>(), new HashSet<>());
        for (int i = 0; i < REQUESTS; i++) {
            if (answers.get(i).status() == 201) {
                assertThat(createdBy.get(i % 2).add(answers.get(i).at("/app/id"))).isTrue();
            }
        }
        Set<String> created = new HashSet<>(createdBy.get(0));
        created.addAll(createdBy.get(1));
        assertThat(created).hasSize(5);

        Response listed = api.get("/v2/apps?page[size]=100", account.basic());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(idsOf(listed.json().path("apps"))).as("the account has exactly the created apps")
                .hasSize(5).containsExactlyInAnyOrderElementsOf(created);
        assertThat(api.get("/admin/accounts/" + account.id(), server.operator()).json().at("/account/appCount").asInt())
                .isEqualTo(5);

        for (int n = 0; n < 2; n++) {
            String sa = serviceAccounts.get(n);
            Response grants = api.get("/v2/serviceaccounts/" + sa + "/apps?page[size]=100", account.basic());
            assertThat(idsOf(grants.json().path("apps")))
                    .as("service account %s is granted exactly the apps it created", sa)
                    .containsExactlyInAnyOrderElementsOf(createdBy.get(n));
            assertThat(idsOf(api.get("/v2/apps?page[size]=100", keys.get(n).basic()).json().path("apps")))
                    .containsExactlyInAnyOrderElementsOf(createdBy.get(n));
        }
    }

    @Test
    void noServiceAccountEndsAboveTenKeys() throws Exception {
        AccountFixture account = createAccount("SA racing keys", null);
        String sa = createServiceAccount(account.basic(), "Key racer");
        List<Response> answers = race(i -> api.post("/v2/serviceaccounts/" + sa + "/keys",
                i % 2 == 0 ? account.basic() : account.jwt(), "{\"displayName\":\"Key " + i + "\"}"));

        Map<Integer, Long> statuses = answers.stream()
                .collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(statuses).as("every answer is 201 or 400: %s", statuses).containsOnlyKeys(201, 400);
        assertThat(statuses.get(201)).isEqualTo(10);
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/keys", account.basic()).json().path("keys")).hasSize(10);
    }

    @Test
    void concurrentGrantsOfTheSameAppAllSucceedAndConcurrentRevokesSucceedOnce() throws Exception {
        AccountFixture account = createAccount("SA racing grants", null);
        String sa = createServiceAccount(account.basic(), "Grant racer");
        String app = createApp(account.basic(), "Granted many times");

        Map<Integer, Long> grants = race(i -> api.put("/v2/serviceaccounts/" + sa + "/apps/" + app,
                account.basic())).stream().collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(grants).as("granting is idempotent even when racing: %s", grants).containsOnlyKeys(200);
        assertThat(idsOf(api.get("/v2/serviceaccounts/" + sa + "/apps", account.basic()).json().path("apps")))
                .containsExactly(app);

        Map<Integer, Long> revokes = race(i -> api.delete("/v2/serviceaccounts/" + sa + "/apps/" + app,
                account.basic())).stream().collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(revokes).as("one revoke wins, the rest find no grant: %s", revokes).containsOnlyKeys(200, 404);
        assertThat(revokes.get(200)).isEqualTo(1);
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/apps", account.basic()).json().path("apps")).isEmpty();
    }

    private static List<Response> race(IntFunction<Response> request) throws Exception {
        return Race.of(REQUESTS, request);
    }
}
