package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A signed-in owner changes their own password on the dashboard: checked, throttled, audited, and nothing else. */
class DashboardPasswordApiTest extends ApiTest {
    private static final String PAGE = "/dashboard/account/password";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Test
    void anOwnerChangesTheirPasswordAndTheirOtherSessionsEnd() {
        OwnerFixture owner = createOwner(createAccount("Changing", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        DashboardClient otherSession = dashboard().signedIn(owner.email(), owner.password());
        assertThat(browser.get("/dashboard/account").body()).contains("href=\"" + PAGE + "\"");
        DashboardClient.Page form = browser.get(PAGE);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"current-password\"", "id=\"new-password\"", "id=\"confirm-password\"");

        DashboardClient.Page changed = change(browser, form.csrf(), owner.password(), NEW_PASSWORD, NEW_PASSWORD);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(303);
        assertThat(changed.location()).isEqualTo("/dashboard/account?notice=password-changed");
        assertThat(changed.headers().firstValue("Content-Type").orElse("")).doesNotContain("json");
        DashboardClient.Page account = browser.get(changed.location());
        assertThat(account.status()).as("this session stays signed in").isEqualTo(200);
        assertThat(account.body()).contains("Your password is changed. Your other sessions are signed out.");
        assertThat(otherSession.get("/dashboard/account").status()).as("the other session ended").isEqualTo(303);

        assertThat(dashboard().signIn(owner.email(), owner.password()).status()).as("the old password").isEqualTo(401);
        assertThat(dashboard().signIn(owner.email(), NEW_PASSWORD).status()).as("the new password").isEqualTo(303);

        Response events = api.get("/admin/audit?filter[accountId]=" + owner.accountId() + "&page[size]=100",
                server.operator());
        List<String> summary = new ArrayList<>();
        events.json().path("events").forEach(event -> summary.add(event.path("action").asText() + " "
                + event.path("actor").asText() + " " + event.path("credentialId").asText() + " "
                + event.path("targetId").asText()));
        assertThat(summary).contains("owner.password_change owner owner_" + owner.id() + " " + owner.id());
        assertThat(events.text()).doesNotContain(owner.password(), NEW_PASSWORD);
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        OwnerFixture owner = createOwner(createAccount("Wrong current", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        DashboardClient otherSession = dashboard().signedIn(owner.email(), owner.password());
        String csrf = browser.get(PAGE).csrf();

        for (String wrong : List.of(owner.password() + "x", "", " " + owner.password())) {
            DashboardClient.Page refused = change(browser, csrf, wrong, NEW_PASSWORD, NEW_PASSWORD);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.body()).contains("<p class=\"field-error\" id=\"current-password-error\">The current "
                    + "password is not right.</p>").contains("aria-describedby=\"current-password-error\"")
                    .doesNotContain(wrong.isEmpty() ? owner.password() : wrong, NEW_PASSWORD);
        }
        assertUnchanged(owner, otherSession);
        assertThat(auditActions(owner.accountId())).doesNotContain("owner.password_change");
    }

    @Test
    void aNewPasswordOutsideTheRulesOrNotRepeatedIsRefusedNextToItsField() {
        OwnerFixture owner = createOwner(createAccount("Bad new", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        DashboardClient otherSession = dashboard().signedIn(owner.email(), owner.password());
        String csrf = browser.get(PAGE).csrf();

        for (String bad : List.of("short pass1", "p".repeat(201), "")) {
            DashboardClient.Page refused = change(browser, csrf, owner.password(), bad, bad);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.body()).contains("<p class=\"field-error\" id=\"new-password-error\">The new password "
                    + "must be 12 to 200 characters long.</p>");
        }
        DashboardClient.Page mismatch = change(browser, csrf, owner.password(), NEW_PASSWORD, NEW_PASSWORD + "!");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).contains("<p class=\"field-error\" id=\"confirm-password-error\">The two new "
                + "passwords are not the same.</p>");

        DashboardClient.Page forged = browser.post(PAGE, Map.of("current", owner.password(), "password",
                NEW_PASSWORD, "confirmation", NEW_PASSWORD));
        assertThat(forged.status()).as("no CSRF token").isEqualTo(403);
        assertUnchanged(owner, otherSession);
    }

    @Test
    void wrongCurrentPasswordsCountAsFailedSignIns() {
        OwnerFixture owner = createOwner(createAccount("Guessing", null).id());
        DashboardClient browser = dashboard().signedIn(owner.email(), owner.password());
        String csrf = browser.get(PAGE).csrf();
        for (int i = 0; i < SignInThrottle.FAILURES_PER_EMAIL; i++) {
            assertThat(change(browser, csrf, "guess number " + i, NEW_PASSWORD, NEW_PASSWORD).status()).isEqualTo(400);
        }
        DashboardClient.Page refused = change(browser, csrf, owner.password(), NEW_PASSWORD, NEW_PASSWORD);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("id=\"current-password-error\">Too many wrong passwords.");
        assertThat(dashboard().signIn(owner.email(), owner.password()).status()).as("sign-in is paused too")
                .isEqualTo(429);
        assertThat(auditActions(owner.accountId())).doesNotContain("owner.password_change");
    }

    private static DashboardClient.Page change(DashboardClient browser, String csrf, String current, String next,
                                               String confirmation) {
        return browser.post(PAGE, Map.of("csrf", csrf, "current", current, "password", next,
                "confirmation", confirmation));
    }

    /** The old password still signs in, the new one does not, and the owner's other session is still there. */
    private static void assertUnchanged(OwnerFixture owner, DashboardClient otherSession) {
        assertThat(otherSession.get("/dashboard/account").status()).isEqualTo(200);
        assertThat(dashboard().signIn(owner.email(), NEW_PASSWORD).status()).isEqualTo(401);
        assertThat(dashboard().signIn(owner.email(), owner.password()).status()).isEqualTo(303);
    }

    private static List<String> auditActions(String accountId) {
        List<String> actions = new ArrayList<>();
        api.get("/admin/audit?filter[accountId]=" + accountId + "&page[size]=100", server.operator()).json()
                .path("events").forEach(event -> actions.add(event.path("action").asText()));
        return actions;
    }
}
