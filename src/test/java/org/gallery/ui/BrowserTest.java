package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the browser tests: the SQLite test app, the shared headless Chromium at 1280×800 in the light scheme,
 * a screenshot helper (target/screenshots/), and a check after each test that the page logged no error to the
 * console (a CSP violation, a failed module, an uncaught exception all land there).
 */
abstract class BrowserTest {

    protected TestApp app;
    protected Factories make;
    protected ChromeDriver browser;
    private String testName;
    private final List<String> expectedConsoleErrors = new ArrayList<>();

    /** What the page showed when a test failed, saved next to the other screenshots. */
    @RegisterExtension
    final TestWatcher failureShot = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                screenshot("FAILED");
            }
        }
    };

    @BeforeEach
    void openBrowser(TestInfo info) {
        browser = Browser.get();
        app = TestApp.of(Db.SQLITE);
        make = new Factories(app.api);
        testName = getClass().getSimpleName() + "-" + info.getTestMethod().orElseThrow().getName();
        resize(1280, 800);
        Browser.colorScheme("light");
        // a fresh page: nothing of the previous test's screen, storage or session stays
        browser.get(app.api.base() + "/favicon.svg");
        js("localStorage.clear()");
        browser.manage().deleteAllCookies();
        signIn(app, "admin", TestApp.ADMIN_PASSWORD);
        browser.manage().logs().get(LogType.BROWSER);
    }

    /** Signs the browser in to {@code server} as this account (see {@link Browser#signIn}). */
    protected void signIn(TestApp server, String name, String password) {
        Browser.signIn(browser, server, name, password);
    }

    /** A new account of this role on the shared test app; its password is "password-of-" and its name. */
    protected String account(String role) {
        String name = role + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var made = app.api.post("/api/v2/users", java.util.Map.of("name", name, "role", role, "password", "password-of-" + name));
        assertThat(made.status()).as("new %s: %s", role, made).isEqualTo(201);
        return name;
    }

    @AfterEach
    void checkConsole() {
        if (browser == null) {
            return;
        }
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !expected(entry.getMessage())) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    /** A console error the test provokes on purpose (a refused upload is logged by the browser). */
    protected void expectConsoleError(String fragment) {
        expectedConsoleErrors.add(fragment);
    }

    private boolean expected(String message) {
        return expectedConsoleErrors.stream().anyMatch(message::contains);
    }

    /** Opens a screen of the UI by its route, e.g. "/library", and waits for the page's modules to run. */
    protected void open(String route) {
        browser.get(app.api.base() + "/#" + route);
        waitFor(d -> !d.findElements(By.cssSelector("main .screen")).isEmpty());
    }

    protected <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(Duration.ofSeconds(10), condition);
    }

    protected <T> T waitFor(Duration limit, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, limit).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    protected WebElement find(String css) {
        return waitFor(d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    protected List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    protected WebElement button(String text) {
        return waitFor(d -> d.findElements(By.tagName("button")).stream()
                .filter(b -> b.isDisplayed() && b.getText().trim().equals(text)).findFirst().orElse(null));
    }

    protected void waitForText(String css, String text) {
        waitFor(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text)));
    }

    @SuppressWarnings("unchecked")
    protected <T> T js(String script, Object... args) {
        return (T) ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /**
     * Sets the size of the page's viewport, as a device of that size would have it (a window cannot be made narrower
     * than the browser's minimum, so phone widths are emulated; below 600 px as a touch device).
     */
    protected void resize(int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
        Number inner = js("return window.innerWidth");
        assertThat(inner.intValue()).as("viewport width").isEqualTo(width);
    }

    /** Saves what the browser shows as target/screenshots/{Test}-{method}-{step}.png. */
    protected Path screenshot(String step) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = dir.resolve(testName + "-" + step + ".png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
