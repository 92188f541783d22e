package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every form that creates something answers 303 to a page (POST-redirect-GET), so a reload never posts again; a
 * new key's secret is shown once, on the page the form leads to; and no redirect claims a JSON body.
 */
class DashboardRedirectsApiTest extends ApiTest {
    private static final Pattern NEW_KEY_ID = Pattern.compile("id=\"new-key-id\">([^<]+)<");
    private static final Pattern NEW_KEY_SECRET = Pattern.compile("id=\"new-key-secret\"[^>]*>([^<]+)<");

    @Test
    void eachCreateFormRedirectsAndTheNewSecretIsShownOnceOnThePageItLeadsTo() {
        AccountFixture account = createAccount("Redirected", null);
        OwnerFixture owner = createOwner(account.id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        String csrf = browser.get("/dashboard/account").csrf();

        KeyFixture accountKey = keyShownOnce(browser, "/dashboard/account/keys", csrf, "/dashboard/account");
        assertThat(accountKey.id()).startsWith("act_");
        assertThat(api.get("/v2/apps", accountKey.basic()).status()).isEqualTo(200);
        assertThat(api.get("/admin/accounts/" + account.id() + "/keys", server.operator()).json().path("keys"))
                .as("one key made, however often the page was read").hasSize(2);

        String appPage = redirect(browser.post("/dashboard/apps", Map.of("csrf", csrf, "name", "Customer One")));
        assertThat(appPage).matches("/dashboard/apps/[0-9a-f]{24}\\?notice=app-created");
        assertThat(browser.get(appPage).body()).contains("The app is created.");
        assertThat(browser.get(appPage).status()).isEqualTo(200);
        String appId = appPage.replaceAll(".*/apps/([0-9a-f]{24}).*", "$1");
        KeyFixture appKey = keyShownOnce(browser, "/dashboard/apps/" + appId + "/keys", csrf,
                "/dashboard/apps/" + appId);
        assertThat(api.get("/v2/apps/" + appId, appKey.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).hasSize(1);
        assertThat(api.get("/v2/apps/" + appId + "/keys", account.basic()).json().path("keys")).hasSize(1);

        String serviceAccountPage = redirect(browser.post("/dashboard/service-accounts",
                Map.of("csrf", csrf, "name", "Deployment Berlin")));
        assertThat(serviceAccountPage)
                .matches("/dashboard/service-accounts/[0-9a-f]{24}\\?notice=service-account-created");
        assertThat(browser.get(serviceAccountPage).body()).contains("The service account is created.");
        String serviceAccountId = serviceAccountPage.replaceAll(".*/service-accounts/([0-9a-f]{24}).*", "$1");
        KeyFixture serviceKey = keyShownOnce(browser, "/dashboard/service-accounts/" + serviceAccountId + "/keys",
                csrf, "/dashboard/service-accounts/" + serviceAccountId);
        assertThat(api.get("/v2/apps", serviceKey.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v2/serviceaccounts", account.basic()).json().path("serviceAccounts")).hasSize(1);
        assertThat(api.get("/v2/serviceaccounts/" + serviceAccountId + "/keys", account.basic()).json().path("keys"))
                .hasSize(1);
    }

    @Test
    void aNewKeyWaitsForItsOwnPageInItsOwnSession() {
        OwnerFixture owner = createOwner(createAccount("Waiting", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        DashboardClient otherSession = dashboard().signedIn(owner.email(), owner.password());
        String page = redirect(browser.post("/dashboard/account/keys",
                Map.of("csrf", browser.get("/dashboard/apps").csrf(), "name", "Waiting key")));

        assertThat(browser.get("/dashboard/apps").body()).doesNotContain("new-key-secret");
        assertThat(otherSession.get(page).body()).as("another session of the same owner").doesNotContain(
                "new-key-secret");
        assertThat(browser.get(page).body()).contains("new-key-secret");
        assertThat(browser.get(page).body()).doesNotContain("new-key-secret");
    }

    @Test
    void keepsTheNewKeySealedUntilItsPageShowsItThenClearsIt() throws Exception {
        OwnerFixture owner = createOwner(createAccount("Sealed notice", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        String page = redirect(browser.post("/dashboard/account/keys",
                Map.of("csrf", browser.get("/dashboard/account").csrf(), "name", "Sealed")));
        String stored = storedNotice(owner.id());
        assertThat(stored).as("sealed under the master key").startsWith("v1.");

        String shown = browser.get(page).body();
        Matcher secret = NEW_KEY_SECRET.matcher(shown);
        assertThat(secret.find()).as(shown).isTrue();
        assertThat(stored).doesNotContain(secret.group(1));
        assertThat(storedNotice(owner.id())).as("cleared once shown").isNull();
    }

    @Test
    void noRedirectOfTheDashboardOrItsSignInClaimsAJsonBody() {
        AccountFixture account = createAccount("Plain redirects", null);
        OwnerFixture owner = createOwner(account.id());
        Response root = api.get("/", Auth.NONE);
        assertThat(root.status()).isEqualTo(303);
        assertThat(root.header("Location")).isEqualTo("/dashboard");
        assertNotJson(root.header("Content-Type"), root.text());

        DashboardClient browser = dashboard();
        assertThat(redirect(browser.get("/"))).isEqualTo("/dashboard");
        assertThat(redirect(browser.get("/dashboard"))).isEqualTo("/dashboard/account");
        assertThat(redirect(browser.get("/dashboard/account"))).isEqualTo("/dashboard/sign-in");
        assertThat(redirect(browser.post("/dashboard/apps", Map.of("name", "x")))).isEqualTo("/dashboard/sign-in");
        assertThat(redirect(browser.signIn(owner.email(), owner.password()))).isEqualTo("/dashboard/account");
        assertThat(redirect(browser.get("/dashboard/sign-in"))).isEqualTo("/dashboard/account");

        String csrf = browser.get("/dashboard/account").csrf();
        String appId = redirect(browser.post("/dashboard/apps", Map.of("csrf", csrf, "name", "App")))
                .replaceAll(".*/apps/([0-9a-f]{24}).*", "$1");
        String app = "/dashboard/apps/" + appId;
        redirect(browser.post(app + "/rename", Map.of("csrf", csrf, "name", "Renamed")));
        redirect(browser.post(app + "/keys", Map.of("csrf", csrf, "name", "k")));
        String appKeyId = api.get("/v2/apps/" + appId + "/keys", account.basic()).at("/keys/0/id");
        redirect(browser.post(app + "/keys/" + appKeyId + "/revoke", Map.of("csrf", csrf)));

        String serviceAccount = redirect(browser.post("/dashboard/service-accounts", Map.of("csrf", csrf, "name",
                "SA"))).replaceAll("\\?.*", "");
        redirect(browser.post(serviceAccount + "/rename", Map.of("csrf", csrf, "name", "SA renamed")));
        redirect(browser.post(serviceAccount + "/apps", Map.of("csrf", csrf, "appId", appId)));
        redirect(browser.post(serviceAccount + "/apps/" + appId + "/revoke", Map.of("csrf", csrf)));
        redirect(browser.post(serviceAccount + "/keys", Map.of("csrf", csrf, "name", "k")));
        String serviceAccountId = serviceAccount.substring(serviceAccount.lastIndexOf('/') + 1);
        String serviceKeyId = api.get("/v2/serviceaccounts/" + serviceAccountId + "/keys", account.basic())
                .at("/keys/0/id");
        redirect(browser.post(serviceAccount + "/keys/" + serviceKeyId + "/revoke", Map.of("csrf", csrf)));
        redirect(browser.post(serviceAccount + "/delete", Map.of("csrf", csrf)));
        redirect(browser.post(app + "/delete", Map.of("csrf", csrf)));

        redirect(browser.post("/dashboard/account/keys", Map.of("csrf", csrf, "name", "k")));
        String accountKeyId = api.get("/admin/accounts/" + account.id() + "/keys", server.operator())
                .at("/keys/1/id");
        redirect(browser.post("/dashboard/account/keys/" + accountKeyId + "/revoke", Map.of("csrf", csrf)));
        assertThat(redirect(browser.post("/dashboard/sign-out", Map.of("csrf", csrf))))
                .isEqualTo("/dashboard/sign-in?notice=signed-out");
    }

    /** Posts a key form, follows its redirect to the page, and reads the key there, once: a reload shows no secret. */
    private static KeyFixture keyShownOnce(DashboardClient browser, String form, String csrf, String page) {
        String location = redirect(browser.post(form, Map.of("csrf", csrf, "name", "Shown once")));
        assertThat(location).isEqualTo(page);
        DashboardClient.Page shown = browser.get(location);
        assertThat(shown.status()).isEqualTo(200);
        Matcher id = NEW_KEY_ID.matcher(shown.body());
        Matcher secret = NEW_KEY_SECRET.matcher(shown.body());
        assertThat(id.find() && secret.find()).as("the new key on " + shown).isTrue();

        DashboardClient.Page reloaded = browser.get(location);
        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(reloaded.body()).as("a reload shows the secret no more").doesNotContain(secret.group(1))
                .doesNotContain("new-key-secret");
        return new KeyFixture(id.group(1), secret.group(1));
    }

    /** The redirect's target; fails unless the answer is a 303 with an empty body that does not claim to be JSON. */
    private static String redirect(DashboardClient.Page answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(303);
        assertThat(answer.location()).as(answer.toString()).isNotBlank();
        assertNotJson(answer.headers().firstValue("Content-Type").orElse(null), answer.body());
        return answer.location();
    }

    private static void assertNotJson(String contentType, String body) {
        assertThat(String.valueOf(contentType)).as("a redirect's Content-Type").doesNotContain("json");
        assertThat(body).as("a redirect's body").isEmpty();
    }

    private static String storedNotice(String ownerId) throws Exception {
        try (Connection connection = server.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT sealed_notice FROM dashboard_sessions WHERE owner_id = ?")) {
            query.setString(1, ownerId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }
}
