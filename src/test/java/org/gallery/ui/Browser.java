package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium for the test JVM, driven through the system's chromedriver (Debian's chromium and
 * chromium-driver packages). Started on first use and shared by every browser test: a start costs a second or two.
 */
public final class Browser {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GALLERY_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("GALLERY_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private static ChromeDriver driver;

    private Browser() {
    }

    /**
     * The shared browser. Without Chromium the tests are skipped with a line saying how to install it, except in
     * CI (which installs it), where a missing browser fails them.
     */
    public static synchronized ChromeDriver get() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertThat(present).as("Chromium and chromedriver at %s and %s (Debian: apt-get install chromium chromium-driver)",
                    CHROMIUM, CHROMEDRIVER).isTrue();
        }
        Assumptions.assumeTrue(present, "browser tests need Chromium: apt-get install chromium chromium-driver"
                + " (or set GALLERY_TEST_CHROMIUM and GALLERY_TEST_CHROMEDRIVER)");
        if (driver == null) {
            driver = start();
            Runtime.getRuntime().addShutdownHook(new Thread(driver::quit));
        }
        return driver;
    }

    private static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,800", "--lang=en-US", "--force-device-scale-factor=1",
                // performance.memory in whole bytes rather than coarse buckets
                "--enable-precise-memory-info");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver binary is given, so Selenium never looks for (or downloads) one of its own
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * Signs {@code browser} in to {@code server} as this account: the session cookie of a real sign-in through the
     * API, handed to the browser as the page's own sign-in would have set it. (The sign-in form has its own test.)
     */
    public static void signIn(ChromeDriver browser, TestApp server, String name, String password) {
        var response = server.signInResponse(name, password, TestApp.randomAddress());
        assertThat(response.status()).as("sign-in as %s: %s", name, response).isEqualTo(200);
        String cookie = response.header("Set-Cookie");
        String pair = cookie.substring(0, cookie.indexOf(';'));
        if (!browser.getCurrentUrl().startsWith(server.api.base())) {
            browser.get(server.api.base() + "/favicon.svg");
        }
        browser.manage().addCookie(new Cookie.Builder(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1))
                .path("/").isHttpOnly(true).sameSite("Lax").build());
    }

    /** Emulates the system's colour scheme ("light" or "dark") for prefers-color-scheme. */
    static void colorScheme(String scheme) {
        get().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }
}
