package fr.chariot.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}) driven by Selenium, the
 * way a technician's browser uses the console. Screenshots go to {@code target/screenshots/} (kept by CI as build
 * artefacts). Paths are used as they are: Selenium Manager is never asked to download a browser.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of(System.getProperty("chariot.screenshots", "target/screenshots"));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /**
     * @param base   the server's base URL, e.g. {@code http://127.0.0.1:8123}
     * @param width  the window's width: 1024 for a tablet in landscape
     * @param height its height
     */
    public static Browser open(String base, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("chariot-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chariot.chromium", "/usr/bin/chromium"));
        // The flags this machine's closed network needs (no background connections), and a fresh profile.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--lang=fr-FR", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        // --lang alone does not always reach the Accept-Language header of a headless Chromium: French is asked
        // for explicitly, as a French school's browser would.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chariot.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return new Browser(driver, base);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the server, e.g. {@code /console/inventory}. */
    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    public WebElement find(By by) {
        return await(d -> d.findElement(by));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /**
     * The input, select or textarea labelled {@code label}: by its {@code <label for>}, else by its aria-label.
     */
    public WebElement field(String label) {
        String text = literal(label);
        return find(By.xpath("//input[@id=//label[normalize-space()=" + text + "]/@for]"
                + " | //select[@id=//label[normalize-space()=" + text + "]/@for]"
                + " | //textarea[@id=//label[normalize-space()=" + text + "]/@for]"
                + " | //*[(self::input or self::select or self::textarea) and @aria-label=" + text + "]"));
    }

    /** Ticks the checkbox (or chooses the radio button) labelled {@code label}, unless it already is. */
    public Browser check(String label) {
        WebElement box = field(label);
        if (!box.isSelected()) {
            box.click();
        }
        return this;
    }

    /** Chooses the option whose visible text is {@code option} in the select labelled {@code label}. */
    public Browser select(String label, String option) {
        new Select(field(label)).selectByVisibleText(option);
        return this;
    }

    /**
     * Clicks a button whose form asks « are you sure? » ({@code data-confirm}), accepts the question and returns
     * it.
     */
    public String clickAndConfirm(String text) {
        click(text);
        Alert alert = new WebDriverWait(driver, WAIT).until(ExpectedConditions.alertIsPresent());
        String question = alert.getText();
        alert.accept();
        return question;
    }

    /** Opens a section of the menu ({@code <summary>}, e.g. « Appareils ») and follows one of its entries. */
    public Browser menu(String section, String entry) {
        WebElement details = find(By.xpath("//nav[contains(@class,'menu')]//details[summary[normalize-space()="
                + literal(section) + "]]"));
        if (details.getAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        await(ExpectedConditions.elementToBeClickable(details.findElement(By.xpath(
                ".//a[normalize-space()=" + literal(entry) + "]")))).click();
        return this;
    }

    /** The page's main title ({@code <h1>} of the content). */
    public String heading() {
        return find(By.cssSelector("main h1")).getText();
    }

    /** Waits until the page's main title is {@code expected}. */
    public Browser awaitHeading(String expected) {
        await(d -> {
            List<WebElement> h1 = d.findElements(By.cssSelector("main h1"));
            return !h1.isEmpty() && h1.get(0).getText().equals(expected) ? true : null;
        });
        return this;
    }

    public Browser type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Clicks the (first shown) button or link whose visible text is exactly {@code text}. */
    public Browser click(String text) {
        String literal = literal(text);
        By target = By.xpath("//button[normalize-space()=" + literal + "] | //a[normalize-space()=" + literal + "]"
                + " | //input[@type='submit' and @value=" + literal + "]");
        // the first one shown: a closed menu may hold a link of the same name (« Inventaire » tab and menu entry)
        await(d -> d.findElements(target).stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst()
                .orElse(null)).click();
        return this;
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String html() {
        return driver.getPageSource();
    }

    /** Waits until the page's text contains {@code expected}. */
    public Browser awaitText(String expected) {
        await(d -> text().contains(expected) ? true : null);
        return this;
    }

    /**
     * Waits until {@code condition} answers neither null nor false. An element gone stale (the page replaced by the
     * next one while it was read) counts as « not yet ».
     */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /**
     * {@code text} as an XPath string literal: French labels hold apostrophes (« Nom d'utilisateur »), which a
     * literal between apostrophes cannot.
     */
    public static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    public Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png} ({@code name} may hold a folder). */
    public Path screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.createDirectories(file.getParent());
        Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        return Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
