package dev.parley.dashboard;

import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests do on a dashboard page as a person would: open, type, press, read. */
final class PageSteps {
    private final ChromeDriver driver;
    private final String baseUrl;

    PageSteps(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    void type(By field, String text) {
        WebElement input = driver.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    /** Presses the button with this exact text, like a person would, and waits for the next page. */
    void click(String buttonText) {
        press(By.xpath("//button[normalize-space()='" + buttonText + "']"));
    }

    /** Clicks a link or button and waits until the page it leads to has replaced this one. */
    void press(By target) {
        WebElement element = driver.findElement(target);
        andWaitForTheNextPage(element::click);
    }

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

    String heading() {
        return text("h1");
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().strip();
    }

    boolean horizontalOverflow() {
        return (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    }

    void waitUntil(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition::apply);
    }
}
