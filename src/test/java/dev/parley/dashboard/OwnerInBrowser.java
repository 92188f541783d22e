package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Browser;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An owner using the dashboard in a real browser: opening pages, typing, pressing buttons and links, reading. */
final class OwnerInBrowser {
    private final ChromeDriver driver;
    private final String baseUrl;

    OwnerInBrowser(Browser browser, String baseUrl) {
        this.driver = browser.driver();
        this.baseUrl = baseUrl;
    }

    void signIn(String email, String password) {
        open("/dashboard/sign-in");
        type(By.id("email"), email);
        WebElement passwordField = driver.findElement(By.id("password"));
        passwordField.sendKeys(password);
        andWaitForTheNextPage(() -> passwordField.sendKeys(Keys.ENTER));
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/account");
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    void type(By field, String text) {
        WebElement input = driver.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    /** Presses the button with this exact text and waits for the next page. */
    void click(String buttonText) {
        press(By.xpath("//button[normalize-space()='" + buttonText + "']"));
    }

    /** Clicks a link or button and waits until the page it leads to has replaced this one. */
    void press(By target) {
        WebElement element = driver.findElement(target);
        andWaitForTheNextPage(element::click);
    }

    /** Types into a field and presses Enter, as a keyboard user submits a form. */
    void submitWithEnter(By field, String text) {
        WebElement input = driver.findElement(field);
        input.clear();
        input.sendKeys(text);
        andWaitForTheNextPage(() -> input.sendKeys(Keys.ENTER));
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().strip();
    }

    String heading() {
        return text("h1");
    }

    boolean horizontalOverflow() {
        return (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    }

    void waitUntil(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition::apply);
    }

    /** Runs the action and waits until the page it leads to has replaced this one. */
    void andWaitForTheNextPage(Runnable action) {
        WebElement html = driver.findElement(By.tagName("html"));
        action.run();
        waitUntil(d -> {
            try {
                html.isEnabled();
                return false;
            } catch (WebDriverException replaced) {
                // Stale, or (in the middle of the navigation) "node does not belong to the document": either way
                // the old page is gone.
                return "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"));
            }
        });
    }
}
