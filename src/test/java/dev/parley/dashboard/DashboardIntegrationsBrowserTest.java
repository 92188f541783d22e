package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Browser;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import dev.parley.webhooks.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * An owner sets up a custom integration and its webhook in a real browser (headless Chromium), watches a delivery
 * fail against a receiver in the test and succeed on Retry now, sends a test event, makes and revokes an integration
 * key, and reads and changes the switchboard. Screenshots of every page go to target/screenshots/{database}/.
 */
class DashboardIntegrationsBrowserTest extends ApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebhookReceiver receiver = new WebhookReceiver();
    private Browser browser;
    private ChromeDriver driver;
    private OwnerInBrowser page;

    /**
     * Runs after ApiTest's server start (JUnit runs a superclass's first) and replaces that server with one that
     * waits little between attempts, so that a failing delivery is retried while the test watches, and that lets
     * webhooks reach the receiver on loopback. ApiTest closes it after the class.
     */
    @BeforeParameterizedClassInvocation
    static void startServerWithShortRetries(TestDatabase database) {
        server.close();
        server = new TestServer(database, Map.of("PARLEY_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.1/32",
                "PARLEY_WEBHOOK_BACKOFF_FIRST_MILLIS", "200", "PARLEY_WEBHOOK_BACKOFF_MAX_SECONDS", "1"));
        api = server.api();
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser(Path.of("target", "screenshots", database.name().toLowerCase(Locale.ROOT)));
        driver = browser.driver();
        page = new OwnerInBrowser(browser, api.baseUrl());
    }

    @AfterEach
    void closeBrowserAndReceiver() {
        receiver.close();
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOwnerSetsUpAWebhookWatchesADeliveryFailAndSucceedOnRetryAndSendsATestEvent() throws Exception {
        AccountFixture account = createAccount("Acme Integrations", null);
        DataPlane app = new DataPlane(api, createApp(account.basic(), "Customer One"), account.basic());
        String userId = app.createUser("customer-42");
        String conversation = app.createConversation("personal", userId);
        signIn(createOwner(account.id()));

        page.open("/dashboard/apps/" + app.appId());
        page.press(By.linkText("Integrations"));
        assertThat(page.heading()).isEqualTo("Integrations");
        assertThat(page.text("main")).contains("This app has no integrations yet.");

        // A target the server refuses is shown next to its field, with what was typed kept.
        page.type(By.id("integration-name"), "Support bot");
        page.type(By.id("webhook-target"), "http://10.9.8.7/hook");
        page.click("Create integration");
        assertThat(page.text("#webhook-target-error")).startsWith("The target must reach a public address");
        assertThat(driver.findElement(By.id("webhook-target")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("integration-name")).getAttribute("value")).isEqualTo("Support bot");
        browser.screenshot("integrations-target-error");

        receiver.answerEvery(500);
        page.type(By.id("webhook-target"), receiver.url());
        WebElement fullUser = driver.findElement(By.name("includeFullUser"));
        fullUser.sendKeys(Keys.SPACE);
        page.click("Create integration");
        assertThat(page.heading()).isEqualTo("Support bot");
        assertThat(page.text(".notice")).isEqualTo("The integration is created with its webhook.");
        String integrationId = driver.getCurrentUrl().replaceAll(".*/integrations/([0-9a-f]{24}).*", "$1");
        Response webhooks = app.get("/integrations/" + integrationId + "/webhooks");
        assertThat(webhooks.at("/webhooks/0/target")).isEqualTo(receiver.url());
        assertThat(webhooks.json().at("/webhooks/0/triggers").toString()).isEqualTo("[\"conversation:message\"]");
        assertThat(webhooks.json().at("/webhooks/0/includeFullUser").asBoolean()).isTrue();
        String webhookSecret = webhooks.at("/webhooks/0/secret");
        browser.screenshot("integration");

        // The receiver answers 500: the delivery log shows the failing delivery with the status code.
        app.created("/conversations/" + conversation + "/messages", "{\"author\":{\"type\":\"business\"},"
                + "\"content\":{\"type\":\"text\",\"text\":\"Hello from the API\"}}");
        page.press(By.linkText("Settings and deliveries"));
        assertThat(page.heading()).isEqualTo(receiver.url());
        assertThat(driver.getPageSource()).as("the secret stays hidden").doesNotContain(webhookSecret);
        WebElement failing = reloadUntilARow("conversation:message", "retrying");
        assertThat(failing.findElement(By.cssSelector(".last-answer")).getText()).isEqualTo("HTTP 500");
        browser.screenshot("webhook-failing");

        // Fixed, and sent again at once.
        receiver.answerEvery(200);
        page.press(By.cssSelector("tr[data-status='retrying'] button"));
        assertThat(page.text(".notice")).isEqualTo("The delivery is being sent again now.");
        WebElement delivered = reloadUntilARow("conversation:message", "delivered");
        assertThat(delivered.findElement(By.cssSelector(".last-answer")).getText()).isEqualTo("HTTP 200");
        assertThat(receiver.received().get(receiver.received().size() - 1).event().at("/payload/message/content/text")
                .asText()).isEqualTo("Hello from the API");

        // A test event goes through the same pipeline and arrives.
        page.click("Send test event");
        assertThat(page.text(".notice")).startsWith("A test event is on its way");
        reloadUntilARow("webhook:test", "delivered");
        assertThat(receiver.received().stream().map(r -> r.event().path("type").asText()))
                .contains("webhook:test");
        browser.screenshot("webhook");

        // The payload on its own page.
        page.press(By.cssSelector("a[aria-label^='Payload of conversation:message']"));
        assertThat(page.text("#event-json")).contains("Hello from the API").contains("\"conversation:message\"");
        assertThat(page.text("main")).contains("HTTP 500").contains("HTTP 200");
        browser.screenshot("webhook-delivery");
        page.press(By.linkText("← Back to the delivery log"));

        // The settings, edited; the secret, shown when asked.
        driver.findElement(By.cssSelector("input[name='triggers'][value='user:remove']")).click();
        page.click("Save webhook");
        assertThat(page.text(".notice")).isEqualTo("The webhook is saved.");
        assertThat(app.get("/integrations/" + integrationId + "/webhooks").json().at("/webhooks/0/triggers")
                .toString()).isEqualTo("[\"conversation:message\",\"user:remove\"]");
        page.press(By.linkText("Show the secret…"));
        assertThat(page.text("#webhook-secret")).isEqualTo(webhookSecret);
        browser.screenshot("webhook-secret");

        // An integration key: its secret once, working with the API, then revoked.
        page.open("/dashboard/apps/" + app.appId() + "/integrations/" + integrationId);
        page.type(By.id("key-name"), "Bot key");
        page.click("Create key");
        String keyId = page.text("#new-key-id");
        String keySecret = page.text("#new-key-secret");
        assertThat(keyId).startsWith("int_");
        assertThat(page.text(".secret-panel .warning")).contains("shown only this once")
                .contains("act as this integration");
        Auth integrationKey = Auth.basic(keyId, keySecret);
        assertThat(api.get(app.path("/users/" + userId), integrationKey).status()).isEqualTo(200);
        browser.screenshot("integration-new-key");
        page.andWaitForTheNextPage(() -> driver.navigate().refresh());
        assertThat(driver.getPageSource()).as("shown once only").doesNotContain(keySecret).contains(keyId);
        assertThat(driver.findElements(By.linkText("Show"))).as("no page shows it again").isEmpty();
        page.press(By.cssSelector("button[aria-label='Revoke key Bot key (" + keyId + ")']"));
        assertThat(page.text(".notice")).startsWith("The key is revoked.");
        assertThat(api.get(app.path("/users/" + userId), integrationKey).status()).isEqualTo(401);

        // Renamed, then deleted after its confirmation page.
        WebElement rename = driver.findElement(By.id("rename"));
        rename.clear();
        page.andWaitForTheNextPage(() -> rename.sendKeys("Support bot v2", Keys.ENTER));
        assertThat(page.heading()).isEqualTo("Support bot v2");
        assertThat(app.get("/integrations/" + integrationId).at("/integration/displayName"))
                .isEqualTo("Support bot v2");

        phoneScreenshots(app.appId(), integrationId, webhooks.at("/webhooks/0/id"));

        page.press(By.linkText("Delete integration…"));
        assertThat(page.heading()).isEqualTo("Delete the integration “Support bot v2”?");
        browser.screenshot("integration-delete");
        page.click("Delete integration");
        assertThat(page.text(".notice")).startsWith("The integration is deleted");
        assertThat(app.get("/integrations/" + integrationId).status()).isEqualTo(404);
    }

    @Test
    void theSwitchboardPageShowsItsIntegrationsTheDefaultAndWhoHasControlAndEnablesAndDisablesIt() {
        AccountFixture account = createAccount("Acme Switchboard", null);
        DataPlane app = new DataPlane(api, createApp(account.basic(), "Routed"), account.basic());
        signIn(createOwner(account.id()));
        page.open("/dashboard/apps/" + app.appId() + "/switchboard");
        assertThat(page.text("main")).contains("This app has no switchboard.");
        browser.screenshot("switchboard-none");

        String bot = integration(app, "Bot");
        String agent = integration(app, "Agents");
        String switchboardId = app.created("/switchboards", null).at("/switchboard/id");
        String links = "/switchboards/" + switchboardId + "/switchboardIntegrations";
        String botLink = app.created(links, "{\"name\":\"bot\",\"integrationId\":\"" + bot + "\"}")
                .at("/switchboardIntegration/id");
        app.created(links, "{\"name\":\"agent\",\"integrationId\":\"" + agent + "\",\"deliverStandbyEvents\":true}");
        Response enabled = api.patch(app.path("/switchboards/" + switchboardId), account.basic(),
                "{\"enabled\":true,\"defaultSwitchboardIntegrationId\":\"" + botLink + "\"}");
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        String conversation = app.createConversation("personal", app.createUser("routed-user"));
        Response offered = app.post("/conversations/" + conversation + "/offerControl",
                "{\"switchboardIntegration\":\"agent\"}");
        assertThat(offered.status()).as(offered.toString()).isEqualTo(200);

        page.open("/dashboard/apps/" + app.appId());
        page.press(By.linkText("Switchboard"));
        assertThat(page.text("main")).contains("enabled");
        assertThat(page.text("#switchboard-default")).isEqualTo("bot");
        assertThat(page.text("table.rows")).contains("bot").contains("agent").contains(bot).contains(agent);

        page.type(By.id("conversation-id"), "0".repeat(24));
        page.click("Look up");
        assertThat(page.text("#conversation-id-error")).isNotEmpty();
        page.type(By.id("conversation-id"), conversation);
        page.click("Look up");
        assertThat(page.text("#active-switchboard-integration")).startsWith("bot");
        assertThat(page.text("#pending-switchboard-integration")).startsWith("agent");
        browser.screenshot("switchboard");

        // Enabled needs a default: refused next to the form; then disabled, and enabled again with another default.
        new Select(driver.findElement(By.id("switchboard-default-choice"))).selectByVisibleText("none");
        page.click("Save switchboard");
        assertThat(page.text("#switchboard-error")).contains("defaultSwitchboardIntegrationId");
        driver.findElement(By.name("enabled")).click();
        page.click("Save switchboard");
        assertThat(page.text(".notice")).isEqualTo("The switchboard is saved.");
        assertThat(app.get("/switchboards").json().at("/switchboards/0/enabled").asBoolean()).isFalse();
        new Select(driver.findElement(By.id("switchboard-default-choice"))).selectByVisibleText("agent");
        driver.findElement(By.name("enabled")).click();
        page.click("Save switchboard");
        assertThat(page.text("#switchboard-default")).isEqualTo("agent");
        assertThat(app.get("/switchboards").json().at("/switchboards/0/enabled").asBoolean()).isTrue();
        browser.resize(Browser.PHONE);
        assertThat(page.horizontalOverflow()).as("no sideways scrolling on the switchboard at phone width")
                .isFalse();
        browser.screenshot("phone-switchboard");
    }

    private String integration(DataPlane app, String name) {
        return app.created("/integrations", "{\"type\":\"custom\",\"displayName\":\"" + name + "\",\"webhooks\":"
                + "[{\"target\":\"" + receiver.url() + "\",\"triggers\":[\"conversation:message\"]}]}")
                .at("/integration/id");
    }

    /** Reloads the delivery log until the newest delivery of that event type has that status; answers its row. */
    private WebElement reloadUntilARow(String eventType, String status) throws InterruptedException {
        String row = "tr[data-status='" + status + "'] a[aria-label^='Payload of " + eventType + "']";
        Polling.until(() -> {
            page.andWaitForTheNextPage(() -> driver.navigate().refresh());
            return driver.findElements(By.cssSelector(row));
        }, found -> !found.isEmpty(), WAIT);
        return driver.findElement(By.cssSelector(row)).findElement(By.xpath("ancestor::tr"));
    }

    private void phoneScreenshots(String appId, String integrationId, String webhookId) {
        String integration = "/dashboard/apps/" + appId + "/integrations/" + integrationId;
        String webhook = integration + "/webhooks/" + webhookId;
        browser.resize(Browser.PHONE);
        for (String[] shot : List.of(new String[] {"/dashboard/apps/" + appId, "app"},
                new String[] {"/dashboard/apps/" + appId + "/integrations", "integrations"},
                new String[] {integration, "integration"}, new String[] {integration + "/delete", "integration-delete"},
                new String[] {webhook, "webhook"}, new String[] {webhook + "/secret", "webhook-secret"})) {
            page.open(shot[0]);
            assertThat(page.horizontalOverflow()).as("no sideways scrolling on %s at phone width", shot[1]).isFalse();
            browser.screenshot("phone-" + shot[1]);
        }
        page.open(webhook);
        page.press(By.cssSelector("a[aria-label^='Payload of conversation:message']"));
        assertThat(page.horizontalOverflow()).as("no sideways scrolling on a delivery at phone width").isFalse();
        browser.screenshot("phone-webhook-delivery");
        browser.resize(Browser.DESKTOP);
        page.open(integration);
    }

    private void signIn(OwnerFixture owner) {
        page.signIn(owner.email(), owner.password());
    }
}
