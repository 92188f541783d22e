package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Browser;
import dev.parley.testing.DashboardClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real browser (headless Chromium), as an owner uses it: by keyboard where it matters, with the
 * API checked from the side. Screenshots of every page go to target/screenshots/{database}/.
 */
class DashboardBrowserTest extends ApiTest {
    private static final String READ_AGAIN = "Anyone with an account key can read this secret again through the API.";

    private Browser browser;
    private ChromeDriver driver;
    private OwnerInBrowser pages;

    @BeforeEach
    void openBrowser() {
        browser = new Browser(Path.of("target", "screenshots", database.name().toLowerCase(Locale.ROOT)));
        driver = browser.driver();
        pages = new OwnerInBrowser(browser, api.baseUrl());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOwnerCreatesKeysAppsAndServiceAccountsRevokesAKeyAndSignsOut() {
        AccountFixture account = createAccount("Acme Help Desk", 5);
        OwnerFixture owner = createOwner(account.id());

        pages.open("/dashboard");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/sign-in");
        browser.screenshot("sign-in");
        signInByKeyboard(owner.email(), owner.password());
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/account");
        assertThat(pages.heading()).isEqualTo("Acme Help Desk");
        assertThat(pages.text(".usage")).isEqualTo("0 of 5 apps used");

        // An account key: the secret is shown once, on the page the form leads to, with a warning and a working
        // copy button.
        pages.type(By.id("key-name"), "Production");
        pages.click("Create account key");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/account");
        String keyId = pages.text("#new-key-id");
        String secret = pages.text("#new-key-secret");
        assertThat(keyId).matches("act_[0-9a-f]{24}");
        assertThat(secret).hasSizeGreaterThan(40);
        assertThat(pages.text(".secret-panel .warning")).contains("Copy the secret now")
                .contains("shown only this once");
        WebElement copy = driver.findElement(By.cssSelector("button[data-copy='new-key-secret']"));
        assertThat(copy.isDisplayed()).as("the script runs under the page's CSP").isTrue();
        copy.click();
        pages.waitUntil(d -> !pages.text("#new-key-status").isEmpty());
        browser.screenshot("account");
        Auth accountKey = Auth.basic(keyId, secret);
        assertThat(api.get("/v2/apps", accountKey).status()).isEqualTo(200);
        pages.andWaitForTheNextPage(() -> driver.navigate().refresh());
        assertThat(driver.getPageSource()).as("shown once only").doesNotContain(secret).contains(keyId);
        assertThat(api.get("/admin/accounts/" + account.id() + "/keys", server.operator()).json().path("keys"))
                .as("a reload posts nothing again").hasSize(2);

        // An app and an app key.
        pages.press(By.linkText("Apps"));
        pages.type(By.id("app-name"), "Customer One");
        pages.click("Create app");
        assertThat(pages.heading()).isEqualTo("Customer One");
        assertThat(pages.text(".notice")).isEqualTo("The app is created.");
        String appId = driver.getCurrentUrl().replaceAll(".*/dashboard/apps/([0-9a-f]{24}).*", "$1");
        pages.type(By.id("key-name"), "Customer One key");
        pages.click("Create key");
        String appKeyId = pages.text("#new-key-id");
        String appSecret = pages.text("#new-key-secret");
        assertThat(appKeyId).startsWith("app_");
        assertThat(pages.text(".secret-panel .warning")).contains(READ_AGAIN).doesNotContain("shown only this once");
        Auth appKey = Auth.basic(appKeyId, appSecret);
        assertThat(api.get("/v2/apps/" + appId, appKey).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + appId, accountKey).json().at("/app/displayName").asText())
                .isEqualTo("Customer One");

        // A service account, granted the app, with a key of its own.
        pages.press(By.linkText("Service accounts"));
        pages.type(By.id("sa-name"), "Deployment Berlin");
        pages.click("Create service account");
        assertThat(pages.heading()).isEqualTo("Deployment Berlin");
        String serviceAccountId = currentServiceAccountId();
        pages.type(By.id("grant-app"), appId);
        pages.click("Grant access");
        assertThat(pages.text(".notice")).isEqualTo("The service account can now reach the app.");
        assertThat(pages.text("table.rows")).contains("Customer One");
        pages.type(By.id("key-name"), "Berlin key");
        pages.click("Create key");
        Auth serviceKey = Auth.basic(pages.text("#new-key-id"), pages.text("#new-key-secret"));
        assertThat(api.get("/v2/apps/" + appId, serviceKey).status()).isEqualTo(200);
        pages.open("/dashboard/service-accounts/" + serviceAccountId);
        browser.screenshot("service-account");
        pages.press(By.linkText("Service accounts"));
        browser.screenshot("service-accounts");

        pages.open("/dashboard/apps/" + appId);
        assertThat(pages.text("#sa-title + ul")).contains("Deployment Berlin");
        browser.screenshot("app");
        pages.press(By.cssSelector("a[aria-label='Show key Customer One key']"));
        assertThat(pages.text("#key-secret")).isEqualTo(appSecret);
        assertThat(pages.text(".warning")).contains(READ_AGAIN);
        browser.screenshot("app-key");
        pages.press(By.linkText("Apps"));
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("1 of 5 apps used");
        browser.screenshot("apps");

        // The same pages at phone width.
        browser.resize(Browser.PHONE);
        for (String page : List.of("account", "apps", "apps/" + appId, "service-accounts",
                "service-accounts/" + serviceAccountId)) {
            pages.open("/dashboard/" + page);
            assertThat(pages.horizontalOverflow()).as("no sideways scrolling on %s at phone width", page).isFalse();
            browser.screenshot("phone-" + page.replaceAll("/[0-9a-f]{24}", "-detail").replace('/', '-'));
        }
        browser.resize(Browser.DESKTOP);

        // Revoking a key ends it at once.
        pages.open("/dashboard/account");
        pages.press(By.cssSelector("button[aria-label='Revoke key Production (" + keyId + ")']"));
        assertThat(pages.text(".notice")).startsWith("The key is revoked.");
        assertThat(driver.getPageSource()).doesNotContain(keyId);
        assertThat(api.get("/v2/apps", accountKey).status()).isEqualTo(401);
        assertThat(api.get("/v2/apps", account.basic()).status()).isEqualTo(200);

        // Signing out ends the session on the server: the old cookie signs no one in.
        Cookie session = driver.manage().getCookieNamed("parley_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        pages.click("Sign out");
        assertThat(driver.getCurrentUrl()).contains("/dashboard/sign-in");
        assertThat(pages.text(".notice")).isEqualTo("You are signed out.");
        DashboardClient replay = dashboard();
        replay.setCookie("parley_session", session.getValue());
        assertThat(replay.get("/dashboard/account").status()).isEqualTo(303);
        driver.manage().addCookie(session);
        pages.open("/dashboard/apps");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/sign-in");
    }

    @Test
    void renamesAndDeletesWithConfirmationAndShowsServiceErrorsNextToTheirFields() {
        AccountFixture account = createAccount("Small plan", 1);
        OwnerFixture owner = createOwner(account.id());
        signIn(owner);

        pages.open("/dashboard/apps");
        pages.type(By.id("app-name"), "   ");
        pages.click("Create app");
        assertThat(pages.text("#app-name-error")).isEqualTo("The name must be 1 to 100 characters and not blank.");
        assertThat(driver.findElement(By.id("app-name")).getAttribute("aria-describedby")).isEqualTo("app-name-error");

        pages.type(By.id("app-name"), "Only app");
        pages.click("Create app");
        String appId = driver.getCurrentUrl().replaceAll(".*/dashboard/apps/([0-9a-f]{24}).*", "$1");
        pages.open("/dashboard/apps");
        pages.type(By.id("app-name"), "One too many");
        pages.click("Create app");
        assertThat(pages.text("#app-name-error")).contains("maximum number of apps");
        assertThat(driver.findElement(By.id("app-name")).getAttribute("value")).isEqualTo("One too many");
        browser.screenshot("apps-plan-full");

        pages.open("/dashboard/apps/" + appId);
        WebElement rename = driver.findElement(By.id("rename"));
        rename.clear();
        pages.andWaitForTheNextPage(() -> rename.sendKeys("Renamed app", Keys.ENTER));
        assertThat(pages.heading()).isEqualTo("Renamed app");
        assertThat(api.get("/v2/apps/" + appId, account.basic()).json().at("/app/displayName").asText())
                .isEqualTo("Renamed app");

        pages.press(By.linkText("Delete app…"));
        assertThat(pages.heading()).isEqualTo("Delete the app “Renamed app”?");
        browser.screenshot("app-delete");
        pages.press(By.linkText("Cancel"));
        assertThat(api.get("/v2/apps/" + appId, account.basic()).status()).isEqualTo(200);
        pages.press(By.linkText("Delete app…"));
        pages.click("Delete app");
        assertThat(pages.text(".notice")).startsWith("The app is deleted");
        assertThat(api.get("/v2/apps/" + appId, account.basic()).status()).isEqualTo(404);

        pages.open("/dashboard/service-accounts");
        pages.type(By.id("sa-name"), "Short-lived");
        pages.click("Create service account");
        pages.type(By.id("grant-app"), "0".repeat(24));
        pages.click("Grant access");
        assertThat(pages.text("#grant-app-error")).isEqualTo("App not found.");
        pages.press(By.linkText("Delete service account…"));
        pages.click("Delete service account");
        assertThat(pages.text(".notice")).startsWith("The service account is deleted");
        assertThat(api.get("/v2/serviceaccounts", account.basic()).json().path("serviceAccounts")).isEmpty();
    }

    @Test
    void anOwnerChangesTheirPasswordAndSeesEachMistakeNextToItsField() {
        OwnerFixture owner = createOwner(createAccount("Password change", null).id());
        String newPassword = "a new passphrase of mine";
        signIn(owner);
        pages.press(By.linkText("Change your password"));
        assertThat(pages.heading()).isEqualTo("Change your password");
        browser.screenshot("password");

        fillPasswordForm("not the password", newPassword, newPassword);
        assertThat(pages.text("#current-password-error")).isEqualTo("The current password is not right.");
        assertThat(driver.findElement(By.id("current-password")).getAttribute("aria-describedby"))
                .isEqualTo("current-password-error");
        assertThat(driver.findElement(By.id("new-password")).getAttribute("value")).as("never sent back").isEmpty();

        fillPasswordForm(owner.password(), newPassword, newPassword + " mistyped");
        assertThat(pages.text("#confirm-password-error")).isEqualTo("The two new passwords are not the same.");
        assertThat(driver.findElement(By.id("confirm-password")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("password-errors");
        browser.resize(Browser.PHONE);
        assertThat(pages.horizontalOverflow()).as("no sideways scrolling at phone width").isFalse();
        browser.screenshot("phone-password-errors");
        browser.resize(Browser.DESKTOP);

        fillPasswordForm(owner.password(), newPassword, newPassword);
        assertThat(driver.getCurrentUrl()).contains("/dashboard/account?notice=password-changed");
        assertThat(pages.text(".notice")).isEqualTo("Your password is changed. Your other sessions are signed out.");
        pages.click("Sign out");
        signInByKeyboard(owner.email(), owner.password());
        assertThat(pages.text("#sign-in-error")).startsWith("The email or password is not right");
        signInByKeyboard(owner.email(), newPassword);
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/account");
    }

    @Test
    void aWrongPasswordShowsAReadableErrorAndStartsNoSession() {
        OwnerFixture owner = createOwner(createAccount("Wrong password", null).id());
        pages.open("/dashboard/sign-in");
        signInByKeyboard(owner.email(), "not the password");
        assertThat(pages.text("#sign-in-error"))
                .isEqualTo("The email or password is not right. Check both and try again.");
        assertThat(driver.findElement(By.id("email")).getAttribute("value")).isEqualTo(owner.email());
        assertThat(driver.findElement(By.id("password")).getAttribute("value")).isEmpty();
        assertThat(driver.manage().getCookieNamed("parley_session")).isNull();
        browser.screenshot("sign-in-wrong-password");
        browser.resize(Browser.PHONE);
        assertThat(pages.horizontalOverflow()).isFalse();
        browser.screenshot("phone-sign-in-wrong-password");
        pages.open("/dashboard/account");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/sign-in");
    }

    @Test
    void aForgedFormPostIsRefusedAndChangesNothing() {
        AccountFixture account = createAccount("Forgery", null);
        signIn(createOwner(account.id()));
        pages.open("/dashboard/apps");

        // A post without the token, then with a wrong one, as a page of another site could make it.
        JavascriptExecutor page = driver;
        page.executeScript("var f = document.querySelector('form[action=\"/dashboard/apps\"]');"
                + "f.querySelector('input[name=csrf]').remove(); f.querySelector('#app-name').value = 'Forged';"
                + "f.submit();");
        assertThat(pages.heading()).isEqualTo("This form could not be accepted");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Nothing was changed");
        browser.screenshot("forged-form");
        pages.open("/dashboard/apps");
        page.executeScript("var f = document.querySelector('form[action=\"/dashboard/apps\"]');"
                + "f.querySelector('input[name=csrf]').value = 'forged-token'; f.querySelector('#app-name').value = "
                + "'Forged'; f.submit();");
        assertThat(pages.heading()).isEqualTo("This form could not be accepted");
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).isEmpty();
        pages.open("/dashboard/apps");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("No apps yet.");
    }

    @Test
    void repeatedFailedSignInsAreRefusedForAWhile() {
        OwnerFixture owner = createOwner(createAccount("Throttled", null).id());
        pages.open("/dashboard/sign-in");
        for (int i = 0; i < SignInThrottle.FAILURES_PER_EMAIL; i++) {
            signInByKeyboard(owner.email(), "wrong password " + i);
            assertThat(pages.text("#sign-in-error")).startsWith("The email or password is not right");
        }
        signInByKeyboard(owner.email(), owner.password());
        assertThat(pages.text("#sign-in-error")).startsWith("Too many failed sign-ins")
                .endsWith("try again in 15 minutes.");
        assertThat(driver.manage().getCookieNamed("parley_session")).isNull();
        browser.screenshot("sign-in-throttled");
    }

    private void signIn(OwnerFixture owner) {
        pages.open("/dashboard/sign-in");
        signInByKeyboard(owner.email(), owner.password());
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/account");
    }

    private void fillPasswordForm(String current, String next, String confirmation) {
        pages.type(By.id("current-password"), current);
        pages.type(By.id("new-password"), next);
        pages.type(By.id("confirm-password"), confirmation);
        pages.click("Change password");
    }

    /** Fills the sign-in form as a keyboard user does: type, Tab, type, Enter. */
    private void signInByKeyboard(String email, String password) {
        WebElement emailField = driver.findElement(By.id("email"));
        emailField.clear();
        emailField.sendKeys(email);
        emailField.sendKeys(Keys.TAB);
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("password");
        assertThat(focused.getCssValue("outline-style")).as("focus is visible").isEqualTo("solid");
        pages.andWaitForTheNextPage(() -> focused.sendKeys(password, Keys.ENTER));
    }

    private String currentServiceAccountId() {
        return driver.getCurrentUrl().replaceAll(".*/dashboard/service-accounts/([0-9a-f]{24}).*", "$1");
    }
}
