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
import org.openqa.selenium.WebDriver;
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
    private PageSteps steps;

    @BeforeEach
    void openBrowser() {
        browser = new Browser(Path.of("target", "screenshots", database.name().toLowerCase(Locale.ROOT)));
        driver = browser.driver();
        steps = new PageSteps(driver, api.baseUrl());
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

        open("/dashboard");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/sign-in");
        browser.screenshot("sign-in");
        signInByKeyboard(owner.email(), owner.password());
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/account");
        assertThat(heading()).isEqualTo("Acme Help Desk");
        assertThat(text(".usage")).isEqualTo("0 of 5 apps used");

        // An account key: the secret is shown once, on the page the form leads to, with a warning and a working
        // copy button.
        type(By.id("key-name"), "Production");
        click("Create account key");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/account");
        String keyId = text("#new-key-id");
        String secret = text("#new-key-secret");
        assertThat(keyId).matches("act_[0-9a-f]{24}");
        assertThat(secret).hasSizeGreaterThan(40);
        assertThat(text(".secret-panel .warning")).contains("Copy the secret now").contains("shown only this once");
        WebElement copy = driver.findElement(By.cssSelector("button[data-copy='new-key-secret']"));
        assertThat(copy.isDisplayed()).as("the script runs under the page's CSP").isTrue();
        copy.click();
        waitUntil(d -> !text("#new-key-status").isEmpty());
        browser.screenshot("account");
        Auth accountKey = Auth.basic(keyId, secret);
        assertThat(api.get("/v2/apps", accountKey).status()).isEqualTo(200);
        andWaitForTheNextPage(() -> driver.navigate().refresh());
        assertThat(driver.getPageSource()).as("shown once only").doesNotContain(secret).contains(keyId);
        assertThat(api.get("/admin/accounts/" + account.id() + "/keys", server.operator()).json().path("keys"))
                .as("a reload posts nothing again").hasSize(2);

        // An app and an app key.
        press(By.linkText("Apps"));
        type(By.id("app-name"), "Customer One");
        click("Create app");
        assertThat(heading()).isEqualTo("Customer One");
        assertThat(text(".notice")).isEqualTo("The app is created.");
        String appId = driver.getCurrentUrl().replaceAll(".*/dashboard/apps/([0-9a-f]{24}).*", "$1");
        type(By.id("key-name"), "Customer One key");
        click("Create key");
        String appKeyId = text("#new-key-id");
        String appSecret = text("#new-key-secret");
        assertThat(appKeyId).startsWith("app_");
        assertThat(text(".secret-panel .warning")).contains(READ_AGAIN).doesNotContain("shown only this once");
        Auth appKey = Auth.basic(appKeyId, appSecret);
        assertThat(api.get("/v2/apps/" + appId, appKey).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + appId, accountKey).json().at("/app/displayName").asText())
                .isEqualTo("Customer One");

        // A service account, granted the app, with a key of its own.
        press(By.linkText("Service accounts"));
        type(By.id("sa-name"), "Deployment Berlin");
        click("Create service account");
        assertThat(heading()).isEqualTo("Deployment Berlin");
        String serviceAccountId = currentServiceAccountId();
        type(By.id("grant-app"), appId);
        click("Grant access");
        assertThat(text(".notice")).isEqualTo("The service account can now reach the app.");
        assertThat(text("table.rows")).contains("Customer One");
        type(By.id("key-name"), "Berlin key");
        click("Create key");
        Auth serviceKey = Auth.basic(text("#new-key-id"), text("#new-key-secret"));
        assertThat(api.get("/v2/apps/" + appId, serviceKey).status()).isEqualTo(200);
        open("/dashboard/service-accounts/" + serviceAccountId);
        browser.screenshot("service-account");
        press(By.linkText("Service accounts"));
        browser.screenshot("service-accounts");

        open("/dashboard/apps/" + appId);
        assertThat(text("#sa-title + ul")).contains("Deployment Berlin");
        browser.screenshot("app");
        press(By.cssSelector("a[aria-label='Show key Customer One key']"));
        assertThat(text("#key-secret")).isEqualTo(appSecret);
        assertThat(text(".warning")).contains(READ_AGAIN);
        browser.screenshot("app-key");
        press(By.linkText("Apps"));
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("1 of 5 apps used");
        browser.screenshot("apps");

        // The same pages at phone width.
        browser.resize(Browser.PHONE);
        for (String page : List.of("account", "apps", "apps/" + appId, "service-accounts",
                "service-accounts/" + serviceAccountId)) {
            open("/dashboard/" + page);
            assertThat(horizontalOverflow()).as("no sideways scrolling on %s at phone width", page).isFalse();
            browser.screenshot("phone-" + page.replaceAll("/[0-9a-f]{24}", "-detail").replace('/', '-'));
        }
        browser.resize(Browser.DESKTOP);

        // Revoking a key ends it at once.
        open("/dashboard/account");
        press(By.cssSelector("button[aria-label='Revoke key Production (" + keyId + ")']"));
        assertThat(text(".notice")).startsWith("The key is revoked.");
        assertThat(driver.getPageSource()).doesNotContain(keyId);
        assertThat(api.get("/v2/apps", accountKey).status()).isEqualTo(401);
        assertThat(api.get("/v2/apps", account.basic()).status()).isEqualTo(200);

        // Signing out ends the session on the server: the old cookie signs no one in.
        Cookie session = driver.manage().getCookieNamed("parley_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        click("Sign out");
        assertThat(driver.getCurrentUrl()).contains("/dashboard/sign-in");
        assertThat(text(".notice")).isEqualTo("You are signed out.");
        DashboardClient replay = dashboard();
        replay.setCookie("parley_session", session.getValue());
        assertThat(replay.get("/dashboard/account").status()).isEqualTo(303);
        driver.manage().addCookie(session);
        open("/dashboard/apps");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/sign-in");
    }

    @Test
    void renamesAndDeletesWithConfirmationAndShowsServiceErrorsNextToTheirFields() {
        AccountFixture account = createAccount("Small plan", 1);
        OwnerFixture owner = createOwner(account.id());
        signIn(owner);

        open("/dashboard/apps");
        type(By.id("app-name"), "   ");
        click("Create app");
        assertThat(text("#app-name-error")).isEqualTo("The name must be 1 to 100 characters and not blank.");
        assertThat(driver.findElement(By.id("app-name")).getAttribute("aria-describedby")).isEqualTo("app-name-error");

        type(By.id("app-name"), "Only app");
        click("Create app");
        String appId = driver.getCurrentUrl().replaceAll(".*/dashboard/apps/([0-9a-f]{24}).*", "$1");
        open("/dashboard/apps");
        type(By.id("app-name"), "One too many");
        click("Create app");
        assertThat(text("#app-name-error")).contains("maximum number of apps");
        assertThat(driver.findElement(By.id("app-name")).getAttribute("value")).isEqualTo("One too many");
        browser.screenshot("apps-plan-full");

        open("/dashboard/apps/" + appId);
        WebElement rename = driver.findElement(By.id("rename"));
        rename.clear();
        andWaitForTheNextPage(() -> rename.sendKeys("Renamed app", Keys.ENTER));
        assertThat(heading()).isEqualTo("Renamed app");
        assertThat(api.get("/v2/apps/" + appId, account.basic()).json().at("/app/displayName").asText())
                .isEqualTo("Renamed app");

        press(By.linkText("Delete app…"));
        assertThat(heading()).isEqualTo("Delete the app “Renamed app”?");
        browser.screenshot("app-delete");
        press(By.linkText("Cancel"));
        assertThat(api.get("/v2/apps/" + appId, account.basic()).status()).isEqualTo(200);
        press(By.linkText("Delete app…"));
        click("Delete app");
        assertThat(text(".notice")).startsWith("The app is deleted");
        assertThat(api.get("/v2/apps/" + appId, account.basic()).status()).isEqualTo(404);

        open("/dashboard/service-accounts");
        type(By.id("sa-name"), "Short-lived");
        click("Create service account");
        type(By.id("grant-app"), "0".repeat(24));
        click("Grant access");
        assertThat(text("#grant-app-error")).isEqualTo("App not found.");
        press(By.linkText("Delete service account…"));
        click("Delete service account");
        assertThat(text(".notice")).startsWith("The service account is deleted");
        assertThat(api.get("/v2/serviceaccounts", account.basic()).json().path("serviceAccounts")).isEmpty();
    }

    @Test
    void anOwnerChangesTheirPasswordAndSeesEachMistakeNextToItsField() {
        OwnerFixture owner = createOwner(createAccount("Password change", null).id());
        String newPassword = "a new passphrase of mine";
        signIn(owner);
        press(By.linkText("Change your password"));
        assertThat(heading()).isEqualTo("Change your password");
        browser.screenshot("password");

        fillPasswordForm("not the password", newPassword, newPassword);
        assertThat(text("#current-password-error")).isEqualTo("The current password is not right.");
        assertThat(driver.findElement(By.id("current-password")).getAttribute("aria-describedby"))
                .isEqualTo("current-password-error");
        assertThat(driver.findElement(By.id("new-password")).getAttribute("value")).as("never sent back").isEmpty();

        fillPasswordForm(owner.password(), newPassword, newPassword + " mistyped");
        assertThat(text("#confirm-password-error")).isEqualTo("The two new passwords are not the same.");
        assertThat(driver.findElement(By.id("confirm-password")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("password-errors");
        browser.resize(Browser.PHONE);
        assertThat(horizontalOverflow()).as("no sideways scrolling at phone width").isFalse();
        browser.screenshot("phone-password-errors");
        browser.resize(Browser.DESKTOP);

        fillPasswordForm(owner.password(), newPassword, newPassword);
        assertThat(driver.getCurrentUrl()).contains("/dashboard/account?notice=password-changed");
        assertThat(text(".notice")).isEqualTo("Your password is changed. Your other sessions are signed out.");
        click("Sign out");
        signInByKeyboard(owner.email(), owner.password());
        assertThat(text("#sign-in-error")).startsWith("The email or password is not right");
        signInByKeyboard(owner.email(), newPassword);
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/account");
    }

    @Test
    void aWrongPasswordShowsAReadableErrorAndStartsNoSession() {
        OwnerFixture owner = createOwner(createAccount("Wrong password", null).id());
        open("/dashboard/sign-in");
        signInByKeyboard(owner.email(), "not the password");
        assertThat(text("#sign-in-error")).isEqualTo("The email or password is not right. Check both and try again.");
        assertThat(driver.findElement(By.id("email")).getAttribute("value")).isEqualTo(owner.email());
        assertThat(driver.findElement(By.id("password")).getAttribute("value")).isEmpty();
        assertThat(driver.manage().getCookieNamed("parley_session")).isNull();
        browser.screenshot("sign-in-wrong-password");
        browser.resize(Browser.PHONE);
        assertThat(horizontalOverflow()).isFalse();
        browser.screenshot("phone-sign-in-wrong-password");
        open("/dashboard/account");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/sign-in");
    }

    @Test
    void aForgedFormPostIsRefusedAndChangesNothing() {
        AccountFixture account = createAccount("Forgery", null);
        signIn(createOwner(account.id()));
        open("/dashboard/apps");

        // A post without the token, then with a wrong one, as a page of another site could make it.
        JavascriptExecutor page = driver;
        page.executeScript("var f = document.querySelector('form[action=\"/dashboard/apps\"]');"
                + "f.querySelector('input[name=csrf]').remove(); f.querySelector('#app-name').value = 'Forged';"
                + "f.submit();");
        assertThat(heading()).isEqualTo("This form could not be accepted");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Nothing was changed");
        browser.screenshot("forged-form");
        open("/dashboard/apps");
        page.executeScript("var f = document.querySelector('form[action=\"/dashboard/apps\"]');"
                + "f.querySelector('input[name=csrf]').value = 'forged-token'; f.querySelector('#app-name').value = "
                + "'Forged'; f.submit();");
        assertThat(heading()).isEqualTo("This form could not be accepted");
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).isEmpty();
        open("/dashboard/apps");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("No apps yet.");
    }

    @Test
    void repeatedFailedSignInsAreRefusedForAWhile() {
        OwnerFixture owner = createOwner(createAccount("Throttled", null).id());
        open("/dashboard/sign-in");
        for (int i = 0; i < SignInThrottle.FAILURES_PER_EMAIL; i++) {
            signInByKeyboard(owner.email(), "wrong password " + i);
            assertThat(text("#sign-in-error")).startsWith("The email or password is not right");
        }
        signInByKeyboard(owner.email(), owner.password());
        assertThat(text("#sign-in-error")).startsWith("Too many failed sign-ins").endsWith("try again in 15 minutes.");
        assertThat(driver.manage().getCookieNamed("parley_session")).isNull();
        browser.screenshot("sign-in-throttled");
    }

    private void signIn(OwnerFixture owner) {
        open("/dashboard/sign-in");
        signInByKeyboard(owner.email(), owner.password());
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/account");
    }

    private void fillPasswordForm(String current, String next, String confirmation) {
        type(By.id("current-password"), current);
        type(By.id("new-password"), next);
        type(By.id("confirm-password"), confirmation);
        click("Change password");
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
        andWaitForTheNextPage(() -> focused.sendKeys(password, Keys.ENTER));
    }

    private void open(String path) {
        steps.open(path);
    }

    private void type(By field, String text) {
        steps.type(field, text);
    }

    private void click(String buttonText) {
        steps.click(buttonText);
    }

    private void press(By target) {
        steps.press(target);
    }

    private void andWaitForTheNextPage(Runnable action) {
        steps.andWaitForTheNextPage(action);
    }

    private String heading() {
        return steps.heading();
    }

    private String text(String css) {
        return steps.text(css);
    }

    private String currentServiceAccountId() {
        return driver.getCurrentUrl().replaceAll(".*/dashboard/service-accounts/([0-9a-f]{24}).*", "$1");
    }

    private boolean horizontalOverflow() {
        return steps.horizontalOverflow();
    }

    private void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        steps.waitUntil(condition);
    }
}
