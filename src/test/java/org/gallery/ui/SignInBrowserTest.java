package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Signing in and out through the page, throttled sign-ins, and what a viewer is (not) offered. */
class SignInBrowserTest extends BrowserTest {

    @Test
    void signInWithTheFormLandsWhereTheUserWasGoingAndSignOutEndsTheSession() {
        String name = account("editor");
        browser.manage().deleteAllCookies();
        expectConsoleError("status of 401");

        browser.get(app.api.base() + "/#/jobs");
        WebElement form = find(".signin-form");
        assertThat(find(".signin-form h1").getText()).isEqualTo("Sign in to Gallery");
        assertThat(all(".app-header")).allSatisfy(h -> assertThat(h.isDisplayed()).isFalse());
        screenshot("form");

        find("#signin-name").sendKeys(name);
        find("#signin-password").sendKeys("not the password\n");
        assertThat(find(".signin-form .error").getText()).isEqualTo("Wrong name or password, or the account is disabled");
        screenshot("wrong-password");

        find("#signin-password").sendKeys("password-of-" + name + "\n");
        find(".screen.jobs-screen");
        assertThat(find("[data-test=user-name]").getText()).isEqualTo(name);
        assertThat(find(".user-role").getText()).isEqualTo("editor");
        assertThat(browser.manage().getCookieNamed("gallery_session")).isNotNull();

        // a reload keeps the session
        browser.navigate().refresh();
        find(".screen.jobs-screen");
        assertThat(find("[data-test=user-name]").getText()).isEqualTo(name);

        button("Sign out").click();
        find(".signin-form");
        Number status = js("const done = arguments[0]; fetch('/api/v2/auth/me').then(r => done(r.status))".replace(
                "const done = arguments[0];", "return await new Promise(done => {") + "})");
        assertThat(status.intValue()).isEqualTo(401);
        browser.navigate().to(app.api.base() + "/#/library");
        find(".signin-form");
        assertThat(form).isNotNull();
    }

    @Test
    void aThrottledSignInSaysHowLongToWait() {
        String name = account("viewer");
        browser.manage().deleteAllCookies();
        expectConsoleError("status of 401");
        expectConsoleError("status of 429");
        browser.get(app.api.base() + "/#/library");
        find("#signin-name").sendKeys(name);
        find("#signin-password").sendKeys("password-of-" + name);
        // four failures are free; the fifth makes the account wait two seconds, in which the form is sent
        for (int i = 0; i < 5; i++) {
            assertThat(app.signInResponse(name, "wrong", TestApp.randomAddress()).status()).isEqualTo(401);
        }
        find("#signin-password").sendKeys("\n");
        assertThat(find(".signin-form .error").getText()).matches("Too many failed sign-ins for this account or address; try again in \\d+ s");
        screenshot("throttled");
    }

    @Test
    void aViewerSeesTheLibraryButNoControlThatWouldChangeIt() {
        UUID set = make.photoset();
        UUID image = make.image(set, "look.jpg", TestImages.jpeg(300, 200), List.of("sky"));
        assertThat(app.api.post("/api/v2/images/" + image + "/caption", Map.of("caption", "a blue sky")).status()).isEqualTo(200);
        String name = account("viewer");
        browser.manage().deleteAllCookies();
        signIn(app, name, "password-of-" + name);
        String setName = app.api.get("/api/v2/photosets/" + set).json().get("name").asString();

        open("/library?q=" + setName.replace(" ", "%20"));
        WebElement card = find(".card[data-id='" + set + "']");
        assertThat(find(".user-role").getText()).isEqualTo("viewer");
        assertThat(card.findElements(By.tagName("button"))).isEmpty();
        assertThat(buttons()).doesNotContain("New photoset");
        screenshot("library");

        open("/photosets/" + set + "?image=" + image);
        WebElement caption = find(".caption-editor textarea");
        waitFor(d -> "a blue sky".equals(caption.getDomProperty("value")));
        assertThat(caption.getDomProperty("readOnly")).isEqualTo("true");
        assertThat(all(".tag-editor input")).isEmpty();
        assertThat(all(".chip-remove")).isEmpty();
        assertThat(buttons()).doesNotContain("Save", "Generate", "Upload…", "Use this text");
        screenshot("viewer");
    }

    private List<String> buttons() {
        return all("button").stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }
}
