package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Browser;
import dev.parley.testing.DataPlane;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Inside an app in a real browser (headless Chromium): conversations and their messages, replies, users and the
 * app's settings, each checked through the API from the side. Screenshots go to target/screenshots/{database}/.
 */
class DashboardConversationsBrowserTest extends ApiTest {
    /** A 1×1 PNG: an image message whose image the page's CSP lets the browser load (data: images are allowed). */
    private static final String PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42"
            + "mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    private static final int OLDER_MESSAGES = 26;

    private Browser browser;
    private ChromeDriver driver;
    private OwnerInBrowser owner;
    private AccountFixture account;
    private DataPlane app;

    @BeforeEach
    void signIn() {
        account = createAccount("Help desk", null);
        app = new DataPlane(api, createApp(account.basic(), "Support"), account.basic());
        browser = new Browser(Path.of("target", "screenshots", database.name().toLowerCase(Locale.ROOT)));
        driver = browser.driver();
        owner = new OwnerInBrowser(browser, api.baseUrl());
        OwnerFixture fixture = createOwner(account.id());
        owner.signIn(fixture.email(), fixture.password());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOwnerFindsAConversationReadsItRepliesAndPagesBackToOlderMessages() {
        String quietUser = app.createUser("quiet-customer");
        String quiet = app.createConversation("personal", quietUser);
        String userId = app.createUser("customer-7");
        String conversation = app.createConversation("personal", userId);
        for (int i = 1; i <= OLDER_MESSAGES; i++) {
            postAsUser(conversation, userId, "{\"type\":\"text\",\"text\":\"Message " + i + "\"}");
        }
        postAsUser(conversation, userId, "{\"type\":\"file\",\"mediaUrl\":\"https://files.example/invoice.pdf\","
                + "\"altText\":\"invoice.pdf\"}");
        postAsUser(conversation, userId, "{\"type\":\"location\",\"coordinates\":{\"lat\":52.52,\"long\":13.405},"
                + "\"location\":{\"name\":\"Office\",\"address\":\"Alexanderplatz 1\"}}");
        app.created("/conversations/" + conversation + "/messages", "{\"author\":{\"type\":\"business\","
                + "\"displayName\":\"Ada\"},\"content\":{\"type\":\"carousel\",\"items\":[{\"title\":\"Plan S\","
                + "\"description\":\"Small\",\"actions\":[{\"type\":\"link\",\"text\":\"Choose\","
                + "\"uri\":\"https://shop.example/s\"}]},{\"title\":\"Plan L\",\"actions\":[{\"type\":\"postback\","
                + "\"text\":\"Tell me more\",\"payload\":\"L\"}]}]}}");
        postAsUser(conversation, userId, "{\"type\":\"image\",\"mediaUrl\":\"" + PIXEL
                + "\",\"altText\":\"A photo of the broken part\",\"text\":\"This is what arrived\"}");

        owner.open("/dashboard/apps/" + app.appId());
        owner.press(By.linkText("Conversations"));
        assertThat(owner.heading()).isEqualTo("Conversations");
        List<String> rows = driver.findElements(By.cssSelector("table.rows tbody tr code")).stream()
                .map(WebElement::getText).toList();
        assertThat(rows).as("most recently active first").containsExactly(conversation, quiet);
        browser.screenshot("conversations");

        owner.submitWithEnter(By.id("user-search"), "nobody-here");
        assertThat(owner.text("#user-search-error")).isEqualTo(
                "No user of this app has the id or external id “nobody-here”.");
        assertThat(driver.findElement(By.id("user-search")).getAttribute("aria-describedby"))
                .isEqualTo("user-search-error");
        owner.submitWithEnter(By.id("user-search"), "customer-7");
        assertThat(owner.text("#list-title")).isEqualTo("Conversations of customer-7");
        assertThat(owner.text("table.rows tbody")).contains(conversation).doesNotContain(quiet);

        owner.press(By.cssSelector("a[href$='/conversations/" + conversation + "']"));
        assertThat(owner.text("#participants-title + ul")).contains("customer-7");
        List<WebElement> messages = driver.findElements(By.cssSelector(".messages > li"));
        assertThat(messages).hasSize(25);
        WebElement newest = messages.get(messages.size() - 1);
        assertThat(newest.getText()).as("newest at the bottom").contains("This is what arrived").contains("customer-7");
        WebElement image = newest.findElement(By.cssSelector("img.message-image"));
        assertThat(image.getAttribute("alt")).isEqualTo("A photo of the broken part");
        owner.waitUntil(d -> ((Number) driver.executeScript("return arguments[0].complete ? "
                + "arguments[0].naturalWidth : 0", image)).intValue() == 1);
        String page = owner.text(".messages");
        assertThat(page).contains("File: invoice.pdf").contains("Location: Office, Alexanderplatz 1")
                .contains("Plan S").contains("Choose").contains("Tell me more").contains("Ada")
                .doesNotContain("Message 1\n");
        assertThat(driver.findElement(By.linkText("invoice.pdf")).getAttribute("href"))
                .isEqualTo("https://files.example/invoice.pdf");
        browser.screenshot("conversation");

        owner.press(By.linkText("← Older messages"));
        assertThat(owner.text(".messages > li:first-child")).contains("Message 1");
        assertThat(driver.findElements(By.cssSelector(".messages > li"))).hasSize(OLDER_MESSAGES + 4 - 25);
        assertThat(driver.findElements(By.linkText("← Older messages"))).isEmpty();
        browser.screenshot("conversation-older-messages");
        owner.press(By.linkText("Newest messages →"));

        owner.type(By.id("reply-text"), "Sorry about that, a new one is on its way.");
        owner.click("Send message");
        assertThat(owner.text(".notice")).isEqualTo("Your message is sent.");
        assertThat(owner.text(".messages > li:last-child")).contains("Sorry about that, a new one is on its way.")
                .contains("business");
        JsonNode listed = app.get("/conversations/" + conversation + "/messages").json().path("messages");
        JsonNode reply = listed.get(listed.size() - 1);
        assertThat(reply.at("/author/type").asText()).isEqualTo("business");
        assertThat(reply.at("/content/text").asText()).isEqualTo("Sorry about that, a new one is on its way.");

        owner.open("/dashboard/apps/" + app.appId() + "/conversations");
        assertThat(driver.findElements(By.cssSelector("table.rows tbody tr code")).get(0).getText())
                .isEqualTo(conversation);
        atPhoneWidth(Map.of("phone-conversations", "/conversations",
                "phone-conversation", "/conversations/" + conversation));
    }

    @Test
    void anOwnerLooksUpAUserAndDeletesItAfterConfirmation() {
        String userId = app.created("/users", "{\"externalId\":\"customer-9\",\"profile\":{\"givenName\":\"Grace\","
                + "\"surname\":\"Hopper\",\"email\":\"grace@example.org\"},\"metadata\":{\"plan\":\"gold\"}}")
                .at("/user/id");
        String conversation = app.createConversation("personal", userId);

        owner.open("/dashboard/apps/" + app.appId());
        owner.press(By.linkText("Users"));
        browser.screenshot("users");
        owner.submitWithEnter(By.id("user-lookup"), "not-a-customer");
        assertThat(owner.text("#user-lookup-error"))
                .isEqualTo("No user of this app has the id or external id “not-a-customer”.");
        owner.submitWithEnter(By.id("user-lookup"), "customer-9");
        assertThat(owner.heading()).isEqualTo("Grace Hopper");
        assertThat(owner.text("#user-profile")).contains("grace@example.org");
        assertThat(owner.text("#user-metadata")).contains("plan").contains("gold");
        assertThat(owner.text("#user-conversations-title + ul")).contains(conversation);
        browser.screenshot("user");

        owner.press(By.linkText("Delete user…"));
        assertThat(owner.heading()).isEqualTo("Delete the user “customer-9”?");
        browser.screenshot("user-delete");
        owner.press(By.linkText("Cancel"));
        assertThat(app.get("/users/" + userId).status()).isEqualTo(200);
        owner.press(By.linkText("Delete user…"));
        owner.click("Delete user");
        assertThat(owner.text(".notice")).startsWith("The user is deleted");
        assertThat(app.get("/users/" + userId).status()).isEqualTo(404);
        assertThat(app.get("/conversations/" + conversation).status()).isEqualTo(404);
        atPhoneWidth(Map.of("phone-users", "/users"));
        String other = app.createUser("customer-10");
        atPhoneWidth(Map.of("phone-user", "/users/" + other, "phone-user-delete", "/users/" + other + "/delete"));
    }

    @Test
    void anOwnerEditsSettingsAndMetadataSeeingEachMistakeNextToItsField() {
        owner.open("/dashboard/apps/" + app.appId());
        assertThat(owner.text("#app-settings")).contains("Echo postbacks\noff");
        browser.screenshot("app-with-settings");
        owner.press(By.linkText("Settings"));
        assertThat(owner.heading()).isEqualTo("Settings and metadata");
        browser.screenshot("app-settings");

        owner.type(By.id("setting-conversationRetentionSeconds"), "-5");
        driver.findElement(By.id("setting-echoPostback")).click();
        owner.click("Save settings");
        assertThat(owner.text("#setting-conversationRetentionSeconds-error"))
                .isEqualTo("Must be an integer from 0 to 2147483647.");
        WebElement retention = driver.findElement(By.id("setting-conversationRetentionSeconds"));
        assertThat(retention.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(retention.getAttribute("aria-describedby")).contains("setting-conversationRetentionSeconds-error");
        assertThat(retention.getAttribute("value")).isEqualTo("-5");
        assertThat(driver.findElement(By.id("setting-echoPostback")).isSelected()).as("kept as sent").isTrue();
        assertThat(app.get("").json().at("/app/settings/echoPostback").asBoolean()).isFalse();
        browser.screenshot("app-settings-error");

        owner.type(By.id("setting-conversationRetentionSeconds"), "3600");
        owner.click("Save settings");
        assertThat(owner.text(".notice")).isEqualTo("The settings are saved.");
        JsonNode settings = app.get("").json().at("/app/settings");
        assertThat(settings.path("conversationRetentionSeconds").asInt()).isEqualTo(3600);
        assertThat(settings.path("echoPostback").asBoolean()).isTrue();
        assertThat(settings.path("maskCreditCardNumbers").asBoolean()).as("left as it was").isTrue();

        owner.type(By.cssSelector("input[aria-label='Key 1']"), "tier");
        owner.type(By.cssSelector("input[aria-label='Value 1']"), "gold");
        owner.type(By.cssSelector("input[aria-label='Key 2']"), "seats");
        owner.type(By.cssSelector("input[aria-label='Value 2']"), "a dozen");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("select[aria-label='Type 2']")))
                .selectByVisibleText("Number");
        owner.click("Save metadata");
        assertThat(owner.text("#metadata-error")).isEqualTo("The value of “seats” is not a number.");
        owner.type(By.cssSelector("input[aria-label='Value 2']"), "12");
        owner.click("Save metadata");
        assertThat(owner.text(".notice")).isEqualTo("The metadata is saved.");
        assertThat(app.get("").json().at("/app/metadata").toString()).isEqualTo("{\"tier\":\"gold\",\"seats\":12}");
        atPhoneWidth(Map.of("phone-app-settings", "/settings", "phone-app-with-settings", ""));
    }

    private void postAsUser(String conversation, String userId, String content) {
        app.created("/conversations/" + conversation + "/messages", "{\"author\":{\"type\":\"user\","
                + "\"userId\":\"" + userId + "\"},\"content\":" + content + "}");
    }

    /** Each of the app's pages at phone width, without sideways scrolling, as a screenshot. */
    private void atPhoneWidth(Map<String, String> pages) {
        browser.resize(Browser.PHONE);
        pages.forEach((name, path) -> {
            owner.open("/dashboard/apps/" + app.appId() + path);
            assertThat(owner.horizontalOverflow()).as("no sideways scrolling on %s at phone width", name).isFalse();
            browser.screenshot(name);
        });
        browser.resize(Browser.DESKTOP);
    }
}
