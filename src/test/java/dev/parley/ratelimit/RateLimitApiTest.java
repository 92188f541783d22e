package dev.parley.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-key, per-address and failed-authentication limits answer 429 with the error shape and Retry-After. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class RateLimitApiTest {

    @Parameter
    TestDatabase database;

    @Test
    void eachKeyIsHeldToItsOwnLimit() {
        try (TestServer server = new TestServer(database, Map.of("PARLEY_RATE_LIMITS", "on",
                "PARLEY_RATE_LIMIT_CREDENTIAL", "5", "PARLEY_RATE_LIMIT_ADDRESS", "1000"))) {
            Api api = server.api();
            Auth busy = accountKey(server, "Busy");
            Auth quiet = accountKey(server, "Quiet");
            List<Response> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(api.get("/v2/apps", busy));
            }
            List<Response> refused = answers.stream().filter(r -> r.status() == 429).toList();
            assertThat(refused).as("a burst of 20 against a limit of 5 per second").isNotEmpty();
            assertThat(answers.stream().filter(r -> r.status() == 200).count()).isBetween(5L, 10L);
            Response first = refused.get(0);
            assertThat(first.errorCode()).isEqualTo("too_many_requests");
            assertThat(Integer.parseInt(first.header("Retry-After"))).isBetween(1, 2);
            assertThat(api.get("/v2/apps", quiet).status()).as("another key is not affected").isEqualTo(200);
        }
    }

    @Test
    void failedAuthenticationsAreCountedSeparatelyAndMoreStrictly() {
        try (TestServer server = new TestServer(database, Map.of("PARLEY_RATE_LIMITS", "on",
                "PARLEY_RATE_LIMIT_FAILED_AUTH", "3", "PARLEY_RATE_LIMIT_ADDRESS", "1000"))) {
            Api api = server.api();
            Auth good = accountKey(server, "Target");
            Auth wrong = Auth.basic("act_000000000000000000000000", "guess");
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/v2/apps", wrong).status()).isEqualTo(401);
            }
            Response locked = api.get("/v2/apps", wrong);
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.header("Retry-After")).isNotNull();
            assertThat(api.get("/v2/apps", good).status()).as("the address is refused for a while").isEqualTo(429);
            assertThat(api.get("/admin/accounts", Auth.bearer("not-the-token")).status()).isEqualTo(429);
            assertThat(api.get("/health/live", Auth.NONE).status()).as("health stays open").isEqualTo(200);
        }
    }

    @Test
    void eachAddressIsHeldToItsLimit() {
        try (TestServer server = new TestServer(database, Map.of("PARLEY_RATE_LIMITS", "on",
                "PARLEY_RATE_LIMIT_ADDRESS", "5"))) {
            Api api = server.api();
            long refused = 0;
            for (int i = 0; i < 20; i++) {
                Response response = api.get("/v2/apps", Auth.NONE);
                if (response.status() == 429) {
                    refused++;
                    assertThat(response.header("Retry-After")).isNotNull();
                }
            }
            assertThat(refused).isGreaterThan(0);
        }
    }

    @Test
    void offTurnsEveryLimitOff() {
        try (TestServer server = new TestServer(database, Map.of("PARLEY_RATE_LIMITS", "off",
                "PARLEY_RATE_LIMIT_CREDENTIAL", "1", "PARLEY_RATE_LIMIT_ADDRESS", "1",
                "PARLEY_RATE_LIMIT_FAILED_AUTH", "1"))) {
            Api api = server.api();
            Auth key = accountKey(server, "Unlimited");
            for (int i = 0; i < 20; i++) {
                assertThat(api.get("/v2/apps", key).status()).isEqualTo(200);
                assertThat(api.get("/v2/apps", Auth.basic("act_000000000000000000000000", "x")).status())
                        .isEqualTo(401);
            }
        }
    }

    private static Auth accountKey(TestServer server, String name) {
        Response created = server.api().post("/admin/accounts", server.operator(), "{\"displayName\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return Auth.basicOfCreatedKey(created);
    }
}
