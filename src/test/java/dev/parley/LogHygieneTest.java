package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ProcessTest;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Captures everything a server prints during a full run (start, every kind of credential, failures, rate limits,
 * owners' passwords set, changed and reset, the metrics token, shutdown) and searches it for every secret it handled,
 * in both log formats; also checks request ids reach the log.
 */
class LogHygieneTest extends ProcessTest {
    private static final String DATABASE_PASSWORD = "log-hygiene-database-password";
    private static final String METRICS_TOKEN = "log-hygiene-metrics-token";

    @BeforeEach
    void lockOutAfterThreeFailuresAndSetAPassword() {
        env.put("PARLEY_RATE_LIMIT_FAILED_AUTH", "3");
        if (database == TestDatabase.POSTGRES) {
            // Trust authentication ignores it, so it only has to stay out of the log.
            env.put("PARLEY_DATABASE_PASSWORD", DATABASE_PASSWORD);
        }
    }

    @ParameterizedTest(name = "PARLEY_LOG_FORMAT={0}")
    @ValueSource(strings = {"text", "json"})
    void noSecretPasswordOrAuthorizationHeaderReachesTheLog(String format) throws Exception {
        env.put("PARLEY_LOG_FORMAT", format);
        env.put("PARLEY_METRICS_TOKEN", METRICS_TOKEN);
        List<String> secrets = new ArrayList<>(List.of(OPERATOR_TOKEN, env.get("PARLEY_MASTER_KEY"), DATABASE_PASSWORD,
                METRICS_TOKEN));
        List<String> authorizationHeaders = new ArrayList<>();
        String output;
        try (ParleyProcess parley = ParleyProcess.start(env)) {
            Api api = parley.awaitReady();
            Auth operator = Auth.bearer(OPERATOR_TOKEN);
            Response account = api.post("/admin/accounts", operator, "{\"displayName\":\"Logged\"}");
            String keyId = account.at("/key/id");
            String secret = account.at("/key/secret");
            secrets.add(secret);
            Auth basic = Auth.basic(keyId, secret);
            Auth jwt = Auth.jwt(keyId, secret, "account");
            authorizationHeaders.add(basic.header());
            authorizationHeaders.add(jwt.header().substring("Bearer ".length()));

            Response app = api.send("POST", "/v2/apps", basic, "application/json", "{\"displayName\":\"Logged app\"}",
                    Map.of("X-Request-Id", "log-hygiene-request-1"));
            String appId = app.at("/app/id");
            Response appKey = api.post("/v2/apps/" + appId + "/keys", jwt, "{\"displayName\":\"k\"}");
            secrets.add(appKey.at("/key/secret"));
            Response v1Key = api.post("/v1.1/apps/" + appId + "/keys", basic, "{\"name\":\"v1\"}");
            secrets.add(v1Key.at("/key/secret"));
            String issued = api.get("/v1.1/apps/" + appId + "/keys/" + v1Key.at("/key/_id") + "/jwt", basic).at("/jwt");
            authorizationHeaders.add(issued);
            assertThat(api.get("/v2/apps/" + appId, Auth.bearer(issued)).status()).isEqualTo(200);
            assertThat(api.get("/metrics", Auth.bearer(METRICS_TOKEN)).status()).isEqualTo(200);
            assertThat(api.get("/metrics", Auth.bearer("wrong-metrics-token-not-logged")).status()).isEqualTo(401);
            secrets.add("wrong-metrics-token-not-logged");

            List<String> passwords = List.of("first password of the owner", "changed on the dashboard",
                    "set by the operator");
            secrets.addAll(passwords);
            String ownerId = api.post("/admin/accounts/" + account.at("/account/id") + "/owners", operator,
                    "{\"email\":\"logged@acme.example\",\"password\":\"" + passwords.get(0) + "\"}").at("/owner/id");
            DashboardClient dashboard = new DashboardClient(api.baseUrl()).signedIn("logged@acme.example",
                    passwords.get(0));
            secrets.add(dashboard.cookie("parley_session"));
            assertThat(dashboard.post("/dashboard/account/password", Map.of("csrf",
                    dashboard.get("/dashboard/account").csrf(), "current", passwords.get(0), "password",
                    passwords.get(1), "confirmation", passwords.get(1))).status()).isEqualTo(303);
            assertThat(api.put("/admin/accounts/" + account.at("/account/id") + "/owners/" + ownerId + "/password",
                    operator, "{\"password\":\"" + passwords.get(2) + "\"}").status()).isEqualTo(200);

            String wrongSecret = "wrong-secret-that-must-not-be-logged";
            secrets.add(wrongSecret);
            for (int i = 0; i < 4; i++) {
                api.get("/v2/apps", Auth.basic(keyId, wrongSecret));
            }
            api.get("/admin/accounts", Auth.bearer("wrong-operator-token-not-logged"));
            secrets.add("wrong-operator-token-not-logged");
            api.send("POST", "/v2/apps", basic, "application/json", "{\"displayName\":\"" + secret + "\",", Map.of());

            assertThat(parley.stop()).isZero();
            output = parley.output();
        }
        assertThat(output).contains("log-hygiene-request-1").contains("POST /v2/apps 201");
        for (String secret : secrets) {
            assertThat(output).as("the log holds a secret").doesNotContain(secret);
        }
        for (String header : authorizationHeaders) {
            assertThat(output).as("the log holds an Authorization header").doesNotContain(header);
        }
        assertThat(output).doesNotContainIgnoringCase("authorization:").doesNotContain("\tat ").doesNotContain("\\tat ")
                .doesNotContain("stack_trace");
    }
}
