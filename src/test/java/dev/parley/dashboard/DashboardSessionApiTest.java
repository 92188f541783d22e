package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dashboard sessions and forms at the HTTP level: cookies, storage, sign-out, expiry and forged posts. */
class DashboardSessionApiTest extends ApiTest {
    private static final String DASHBOARD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Test
    void setsHttpOnlyStrictCookiesScopedToTheDashboardAndNotSecureOverPlainHttp() {
        OwnerFixture owner = createOwner(createAccount("Cookies", null).id());
        DashboardClient browser = dashboard();
        DashboardClient.Page form = browser.get("/dashboard/sign-in");
        assertCookieAttributes(form.setCookie("parley_sign_in"), 3600);

        DashboardClient.Page signedIn = browser.post("/dashboard/sign-in",
                Map.of("csrf", form.csrf(), "email", owner.email(), "password", owner.password()));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(303);
        assertThat(signedIn.location()).isEqualTo("/dashboard/account");
        assertCookieAttributes(signedIn.setCookie("parley_session"), 12 * 3600);
        assertThat(browser.cookie("parley_session")).matches("[A-Za-z0-9_-]{43}");
        assertThat(browser.get("/dashboard/account").status()).isEqualTo(200);
    }

    @Test
    void storesOnlyTheSha256OfTheSessionToken() throws Exception {
        OwnerFixture owner = createOwner(createAccount("Hashed sessions", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        String token = browser.cookie("parley_session");

        String sessions = dump("dashboard_sessions");
        assertThat(sessions).doesNotContain(token).contains(sha256(token)).contains(owner.id());
        assertThat(dump("account_owners")).doesNotContain(owner.password());
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() throws Exception {
        OwnerFixture owner = createOwner(createAccount("Sign out", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        String token = browser.cookie("parley_session");
        String csrf = browser.get("/dashboard/account").csrf();

        DashboardClient.Page out = browser.post("/dashboard/sign-out", Map.of("csrf", csrf));
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.location()).isEqualTo("/dashboard/sign-in?notice=signed-out");
        assertThat(out.setCookie("parley_session")).contains("Max-Age=0");
        assertThat(browser.get(out.location()).body()).contains("You are signed out.");
        assertThat(dump("dashboard_sessions")).doesNotContain(sha256(token));

        DashboardClient replay = dashboard();
        replay.setCookie("parley_session", token);
        DashboardClient.Page page = replay.get("/dashboard/account");
        assertThat(page.status()).as("the old cookie no longer signs in").isEqualTo(303);
        assertThat(page.location()).isEqualTo("/dashboard/sign-in");
        assertThat(replay.post("/dashboard/account/keys", Map.of("csrf", csrf, "name", "after sign-out")).status())
                .isEqualTo(303);
        assertThat(accountKeyCount(owner.accountId())).isEqualTo(1);
    }

    @Test
    void refusesAnExpiredSession() throws Exception {
        OwnerFixture owner = createOwner(createAccount("Expiry", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        String csrf = browser.get("/dashboard/account").csrf();
        try (Connection connection = server.connect();
             PreparedStatement expire = connection.prepareStatement(
                     "UPDATE dashboard_sessions SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE "
                             + "WHERE token_hash = ?")) {
            expire.setString(1, sha256(browser.cookie("parley_session")));
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        DashboardClient.Page page = browser.get("/dashboard/account");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.location()).isEqualTo("/dashboard/sign-in");
        assertThat(browser.post("/dashboard/account/keys", Map.of("csrf", csrf, "name", "too late")).status())
                .isEqualTo(303);
        assertThat(accountKeyCount(owner.accountId())).isEqualTo(1);

        // The next sign-in sweeps out sessions that ran out.
        dashboard().signedIn(owner.email(), owner.password());
        assertThat(dump("dashboard_sessions")).doesNotContain(sha256(browser.cookie("parley_session")));
    }

    @Test
    void refusesFormsWithoutTheSessionsCsrfTokenAndChangesNothing() {
        AccountFixture account = createAccount("Forged", null);
        OwnerFixture owner = createOwner(account.id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        String csrf = browser.get("/dashboard/account").csrf();
        String otherSessionsCsrf = dashboard().signedIn(owner.email(), owner.password()).get("/dashboard/account")
                .csrf();
        assertThat(otherSessionsCsrf).isNotEqualTo(csrf);

        for (Map<String, String> forged : java.util.List.of(Map.of("name", "forged"),
                Map.of("name", "forged", "csrf", ""), Map.of("name", "forged", "csrf", "x" + csrf),
                Map.of("name", "forged", "csrf", otherSessionsCsrf))) {
            DashboardClient.Page refused = browser.post("/dashboard/account/keys", forged);
            assertThat(refused.status()).as(forged.toString()).isEqualTo(403);
            assertThat(refused.body()).contains("Nothing was changed").doesNotContain("secret");
            assertThat(browser.post("/dashboard/apps", forged).status()).isEqualTo(403);
            assertThat(browser.post("/dashboard/service-accounts", forged).status()).isEqualTo(403);
        }
        assertThat(accountKeyCount(account.id())).isEqualTo(1);
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).isEmpty();
        assertThat(api.get("/v2/serviceaccounts", account.basic()).json().path("serviceAccounts")).isEmpty();

        String appId = createApp(account.basic(), "Kept");
        assertThat(browser.post("/dashboard/apps/" + appId + "/delete", Map.of()).status()).isEqualTo(403);
        assertThat(api.get("/v2/apps/" + appId, account.basic()).status()).isEqualTo(200);
        assertThat(browser.post("/dashboard/sign-out", Map.of()).status()).isEqualTo(403);
        assertThat(browser.get("/dashboard/account").status()).as("still signed in").isEqualTo(200);

        DashboardClient.Page created = browser.post("/dashboard/account/keys", Map.of("name", "real", "csrf", csrf));
        assertThat(created.status()).isEqualTo(303);
        assertThat(accountKeyCount(account.id())).isEqualTo(2);
    }

    @Test
    void refusesASignInPostThatDidNotComeFromTheSignInForm() {
        OwnerFixture owner = createOwner(createAccount("Login CSRF", null).id());
        DashboardClient attacker = dashboard();
        DashboardClient.Page noToken = attacker.post("/dashboard/sign-in",
                Map.of("email", owner.email(), "password", owner.password()));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.setCookie("parley_session")).isNull();

        String formToken = dashboard().get("/dashboard/sign-in").csrf();
        DashboardClient.Page otherFormsToken = attacker.post("/dashboard/sign-in",
                Map.of("csrf", formToken, "email", owner.email(), "password", owner.password()));
        assertThat(otherFormsToken.status()).as("a token without its cookie").isEqualTo(403);
        assertThat(otherFormsToken.setCookie("parley_session")).isNull();
    }

    @Test
    void aWrongPasswordGetsAReadableErrorAndNoSession() {
        OwnerFixture owner = createOwner(createAccount("Wrong", null).id());
        for (String[] attempt : new String[][] {{owner.email(), owner.password() + "x"},
                {"nobody-" + owner.email(), owner.password()}, {owner.email(), ""}}) {
            DashboardClient browser = dashboard();
            DashboardClient.Page answer = browser.signIn(attempt[0], attempt[1]);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body()).contains("The email or password is not right").contains(attempt[0]);
            assertThat(answer.setCookie("parley_session")).isNull();
            assertThat(browser.get("/dashboard/account").status()).isEqualTo(303);
        }
        assertThat(dashboard().signIn(owner.email().toUpperCase(), owner.password()).status())
                .as("emails ignore case").isEqualTo(303);
    }

    @Test
    void deletingAnOwnerEndsTheirSessions() {
        OwnerFixture owner = createOwner(createAccount("Removed owner", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        assertThat(api.delete("/admin/accounts/" + owner.accountId() + "/owners/" + owner.id(), server.operator())
                .status()).isEqualTo(200);
        assertThat(browser.get("/dashboard/account").status()).isEqualTo(303);
        assertThat(dashboard().signIn(owner.email(), owner.password()).status()).isEqualTo(401);
    }

    @Test
    void pagesNeedASessionAndShowNothingOfAnotherAccount() {
        DashboardClient anonymous = dashboard();
        for (String path : java.util.List.of("/dashboard", "/dashboard/account", "/dashboard/apps",
                "/dashboard/service-accounts")) {
            DashboardClient.Page page = anonymous.get(path);
            assertThat(page.status()).as(path).isEqualTo(303);
        }
        AccountFixture other = createAccount("Other", null);
        String othersApp = createApp(other.basic(), "Not yours");
        String othersServiceAccount = createServiceAccount(other.basic(), "Not yours either");
        OwnerFixture owner = createOwner(createAccount("Mine", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        assertThat(browser.get("/dashboard/apps/" + othersApp).status()).isEqualTo(404);
        assertThat(browser.get("/dashboard/service-accounts/" + othersServiceAccount).status()).isEqualTo(404);
        assertThat(browser.get("/dashboard/apps/not-an-id").body()).contains("App not found");
        String csrf = browser.get("/dashboard/account").csrf();
        assertThat(browser.post("/dashboard/apps/" + othersApp + "/delete", Map.of("csrf", csrf)).status())
                .isEqualTo(404);
        assertThat(api.get("/v2/apps/" + othersApp, other.basic()).status()).isEqualTo(200);
        assertThat(browser.get("/dashboard/no-such-page").status()).isEqualTo(404);
    }

    @Test
    void dashboardPagesCarryTheirOwnContentSecurityPolicyAndTheApiKeepsItsOwn() {
        DashboardClient browser = dashboard();
        DashboardClient.Page signIn = browser.get("/dashboard/sign-in");
        assertThat(signIn.headers().firstValue("Content-Security-Policy")).contains(DASHBOARD_POLICY);
        assertThat(signIn.headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(signIn.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(signIn.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(signIn.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(signIn.body()).contains("<meta name=\"viewport\"").doesNotContain("<script>", "style=\"");

        DashboardClient.Page css = browser.get("/dashboard/assets/dashboard.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        DashboardClient.Page js = browser.get("/dashboard/assets/copy.js");
        assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(browser.get("/dashboard/assets/../../openapi.yaml").status()).isNotEqualTo(200);
        assertThat(browser.get("/dashboard/assets/other.js").status()).isEqualTo(404);

        Response health = api.get("/health/live", null);
        assertThat(health.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void escapesWhatOwnersTypeIntoPages() {
        AccountFixture account = createAccount("Escaping", null);
        OwnerFixture owner = createOwner(account.id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        String csrf = browser.get("/dashboard/apps").csrf();
        DashboardClient.Page created = browser.post("/dashboard/apps",
                Map.of("csrf", csrf, "name", "<script>alert(1)</script>"));
        assertThat(created.status()).isEqualTo(303);
        String page = browser.get(created.location()).body();
        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void recordsDashboardChangesInTheAuditLogAsTheOwner() {
        AccountFixture account = createAccount("Audited", null);
        OwnerFixture owner = createOwner(account.id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        DashboardClient.Page created = browser.post("/dashboard/apps",
                Map.of("csrf", browser.get("/dashboard/apps").csrf(), "name", "Audited app"));
        String appId = created.location().replaceAll(".*/dashboard/apps/([0-9a-f]{24}).*", "$1");

        Response events = api.get("/admin/audit?filter[accountId]=" + account.id() + "&page[size]=100",
                server.operator());
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        java.util.List<String> summary = new java.util.ArrayList<>();
        events.json().path("events").forEach(event -> summary.add(event.path("action").asText() + " "
                + event.path("actor").asText() + " " + event.path("credentialId").asText() + " "
                + event.path("targetId").asText()));
        assertThat(summary).contains("owner.create operator null " + owner.id(),
                "app.create owner owner_" + owner.id() + " " + appId);
        assertThat(events.text()).doesNotContain(owner.password(), browser.cookie("parley_session"));
    }

    private static void assertCookieAttributes(String setCookie, int maxAge) {
        assertThat(setCookie).isNotNull();
        assertThat(setCookie).contains("; HttpOnly").contains("; SameSite=Strict").contains("; Path=/dashboard;")
                .contains("; Max-Age=" + maxAge).doesNotContainIgnoringCase("secure");
    }

    private static int accountKeyCount(String accountId) {
        return api.get("/admin/accounts/" + accountId + "/keys", server.operator()).json().path("keys").size();
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static String dump(String table) throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = server.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    dump.append(rows.getString(c)).append('|');
                }
                dump.append('\n');
            }
        }
        return dump.toString();
    }
}
