package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The page at "/": header, navigation, themes, keyboard focus, narrow screens, errors in words. */
class ShellBrowserTest extends BrowserTest {

    @Test
    void rootServesTheAppWithNavigationAndTheSignedInUser() {
        browser.get(app.api.base() + "/");
        find("main .screen.library");
        assertThat(browser.getTitle()).isEqualTo("Gallery");
        assertThat(find(".brand").getText()).isEqualTo("Gallery");
        assertThat(all(".app-nav a").stream().map(WebElement::getText)).containsExactly("Library", "Images", "Caption queue", "Jobs", "Duplicates",
                "Exports", "Status");
        assertThat(find("[data-test=user-name]").getText()).isEqualTo("admin");
        assertThat(find(".user-role").getText()).isEqualTo("admin");
        assertThat(find(".app-nav a[aria-current=page]").getText()).isEqualTo("Library");

        find(".app-nav a[data-nav=status]").click();
        waitForText("[data-test=health-status]", "ok");
        assertThat(find(".health").getText()).contains("sqlite").contains("free");
        assertThat(find(".app-nav a[aria-current=page]").getText()).isEqualTo("Status");
        screenshot("status");
    }

    @Test
    void thePageRunsUnderTheStrictContentSecurityPolicyAndAViolationWouldFailTheTests() {
        assertThat(app.api.get("/").header("Content-Security-Policy"))
                .contains("script-src 'self'").contains("style-src 'self';").doesNotContain("unsafe-inline");
        open("/library");
        find(".cards");
        // markup with an inline style, as innerHTML would make it: refused, and the refusal lands in the console
        js("const p = document.createElement('p'); p.setAttribute('style', 'color: red'); document.body.append(p)");
        var logged = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll();
        assertThat(logged).anySatisfy(e -> assertThat(e.getMessage()).contains("Content Security Policy"));
    }

    @Test
    void everyControlIsReachableByKeyboardWithAVisibleFocusRing() {
        open("/library");
        find(".cards");
        // the first Tab shows the skip link, the next ones walk the header
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Library");
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
        assertThat(focused.getCssValue("outline-width")).isEqualTo("3px");
        screenshot("focus");

        // "?" lists the keyboard shortcuts
        focused.sendKeys("?");
        assertThat(find("dialog.shortcuts[open]").getText()).contains("Keyboard shortcuts").contains("Ctrl+Enter");
        screenshot("shortcuts");
        button("Close").click();
        waitFor(d -> d.findElements(By.cssSelector("dialog.shortcuts")).isEmpty());
        focused = browser.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Library");

        // Enter on a focused link navigates, as a click does
        focused.sendKeys(Keys.TAB, Keys.TAB, Keys.TAB, Keys.ENTER);
        find(".screen.jobs-screen");
    }

    @Test
    void darkSchemeAndA390PixelScreenKeepEverythingUsable() {
        make.photoset();
        Browser.colorScheme("dark");
        open("/library");
        find(".card");
        String background = js("return getComputedStyle(document.body).backgroundColor");
        assertThat(background).isEqualTo("rgb(17, 20, 24)");
        screenshot("dark");

        resize(390, 844);
        open("/library");
        find(".card");
        // nothing wider than the screen: no sideways scrolling, every nav link on screen
        Number overflow = js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
        for (WebElement link : all(".app-nav a")) {
            assertThat(link.isDisplayed()).isTrue();
            Number right = js("return arguments[0].getBoundingClientRect().right", link);
            assertThat(right.doubleValue()).isLessThanOrEqualTo(390);
        }
        screenshot("narrow-dark");
        Browser.colorScheme("light");
        screenshot("narrow-light");
    }

    @Test
    void anApiErrorIsShownInTheServersWordsNextToItsCause() {
        open("/photosets/00000000-0000-7000-8000-000000000000");
        WebElement error = find(".screen.images .error");
        assertThat(error.getText()).contains("Photoset 00000000-0000-7000-8000-000000000000 does not exist");
        expectConsoleError("status of 404");
        screenshot("not-found");
    }
}
