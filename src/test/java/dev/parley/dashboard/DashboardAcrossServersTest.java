package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Auth;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two Parley servers sharing one PostgreSQL serve one signed-in owner, as behind a load balancer: the page a key
 * form redirects to may be served by the other server, and it still shows the new key's secret, once.
 */
class DashboardAcrossServersTest {
    private static final Pattern NEW_KEY = Pattern.compile(
            "id=\"new-key-id\">([^<]+)<.*id=\"new-key-secret\"[^>]*>([^<]+)<", Pattern.DOTALL);

    @Test
    void theNewKeyIsShownOnceByWhicheverServerServesThePageTheFormLeadsTo() {
        try (TestServer first = new TestServer(TestDatabase.POSTGRES);
             TestServer second = TestServer.sharing(first)) {
            String password = "two servers, one owner";
            Response account = first.api().post("/admin/accounts", first.operator(), "{\"displayName\":\"Shared\","
                    + "\"owner\":{\"email\":\"across@acme.example\",\"password\":\"" + password + "\"}}");
            assertThat(account.status()).as(account.toString()).isEqualTo(201);
            DashboardClient one = new DashboardClient(first.api().baseUrl()).signedIn("across@acme.example", password);
            DashboardClient two = new DashboardClient(second.api().baseUrl());
            two.setCookie(SessionCookies.SESSION, one.cookie(SessionCookies.SESSION));

            DashboardClient.Page made = one.post("/dashboard/account/keys",
                    Map.of("csrf", one.get("/dashboard/account").csrf(), "name", "Made on one"));
            assertThat(made.status()).as(made.toString()).isEqualTo(303);
            String page = two.get(made.location()).body();
            Matcher key = NEW_KEY.matcher(page);
            assertThat(key.find()).as("the other server shows the new key: " + page).isTrue();
            assertThat(second.api().get("/v2/apps", Auth.basic(key.group(1), key.group(2))).status()).isEqualTo(200);

            assertThat(one.get(made.location()).body()).as("and neither shows it again")
                    .doesNotContain(key.group(2));
            assertThat(two.get(made.location()).body()).doesNotContain(key.group(2));
        }
    }
}
