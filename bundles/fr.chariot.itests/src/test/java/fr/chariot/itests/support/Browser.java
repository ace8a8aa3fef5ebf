package fr.chariot.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

    public WebElement field(String label) {
        return find(By.xpath("//input[@id=//label[normalize-space()='" + label + "']/@for]"
                + " | //select[@id=//label[normalize-space()='" + label + "']/@for]"
                + " | //textarea[@id=//label[normalize-space()='" + label + "']/@for]"));
    }

    public Browser type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Clicks the button or link whose visible text is exactly {@code text}. */
    public Browser click(String text) {
        find(By.xpath("//button[normalize-space()='" + text + "'] | //a[normalize-space()='" + text + "']"
                + " | //input[@type='submit' and @value='" + text + "']")).click();
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

    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    public Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        return Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
