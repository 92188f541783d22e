package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two Parley servers sharing one PostgreSQL: a key deleted through one is refused by the other, although the other
 * had it cached, long before the cache's time-to-live (30 s) could expire it.
 */
class CrossServerRevocationTest {

    @Test
    void aDeletionOnOneServerReachesTheCacheOfTheOther() throws Exception {
        try (TestServer first = new TestServer(TestDatabase.POSTGRES);
             TestServer second = TestServer.sharing(first)) {
            Api one = first.api();
            Api two = second.api();
            Response account = one.post("/admin/accounts", first.operator(), "{\"displayName\":\"Shared\"}");
            JsonNode key = account.json().path("key");
            Auth accountKey = Auth.basic(key.path("id").asText(), key.path("secret").asText());
            String appId = one.post("/v2/apps", accountKey, "{\"displayName\":\"Shared app\"}").at("/app/id");
            JsonNode appKey = one.post("/v2/apps/" + appId + "/keys", accountKey, "{\"displayName\":\"k\"}")
                    .json().path("key");
            Auth appAuth = Auth.basic(appKey.path("id").asText(), appKey.path("secret").asText());

            assertThat(two.get("/v2/apps/" + appId, appAuth).status()).as("cached on the second server").isEqualTo(200);
            assertThat(one.delete("/v2/apps/" + appId + "/keys/" + appKey.path("id").asText(), accountKey).status())
                    .isEqualTo(200);

            int status = Polling.until(() -> two.get("/v2/apps/" + appId, appAuth).status(), answer -> answer == 401,
                    Duration.ofSeconds(5));
            assertThat(status).as("refused by the second server within 5 s of the deletion").isEqualTo(401);
        }
    }
}
