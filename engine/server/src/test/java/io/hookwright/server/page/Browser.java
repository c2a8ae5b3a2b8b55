package io.hookwright.server.page;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A real headless Chromium, Debian's {@code chromium} driven through its {@code chromium-driver}, for a test class to
 * share. Both are named by path so that Selenium never looks for (or downloads) a browser of its own.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * Selenium warns on every start that it has no DevTools bindings for Debian's Chromium version; the tests use
     * WebDriver only. Held here, since java.util.logging keeps loggers weakly.
     */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    final WebDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private URI base;

    private Browser(WebDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    static Browser start() {
        for (Path needed : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException("the web page tests run a real headless Chromium, and " + needed
                        + " is missing: install Debian's chromium and chromium-driver "
                        + "(apt-get install -y chromium chromium-driver; .ci/run does this on CI)");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("hookwright-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The machines have no internet: without these Chromium stalls on connections it is refused.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, service, profile);
    }

    /** The server the paths of {@link #open} are on; cookies from the last one are dropped. */
    void server(URI root) {
        base = root;
        driver.manage().deleteAllCookies();
    }

    void open(String path) {
        driver.get(base.resolve(path).toString());
    }

    /** Signs in through the login form. */
    void login(String token) {
        open("/login");
        type("#token", token);
        click("#sign-in");
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks a link or a form's button, and waits until the page it leads to has replaced this one. */
    void click(String css) {
        WebElement page = find("html");
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(page));
    }

    /** Whether an element's page has been replaced; Chromium says so in one of two ways, depending on timing. */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    List<String> texts(String css) {
        return all(css).stream().map(WebElement::getText).toList();
    }

    /** The path and query the browser is at. */
    String at() {
        URI now = URI.create(driver.getCurrentUrl());
        return now.getRawPath() + (now.getRawQuery() == null ? "" : "?" + now.getRawQuery());
    }

    String html() {
        return driver.getPageSource();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A profile left in the temp folder harms nothing.
            }
        }
    }
}
