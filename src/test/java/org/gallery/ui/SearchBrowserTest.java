package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/** The search box of the shell, the results screen with its modes and filters, and search by image. */
class SearchBrowserTest extends BrowserTest {

    /** A word no other test's caption has (the test app is shared): letters only, so text search takes it whole. */
    private static String word() {
        Random random = new Random();
        StringBuilder w = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    private void caption(UUID id, String text) {
        assertThat(app.api.post("/api/v2/images/" + id + "/caption", Map.of("caption", text)).status()).isEqualTo(200);
    }

    @Test
    void slashFocusesTheSearchBoxAndTextModeFindsTheCaptionedImageOnly() {
        String w = word();
        UUID set = make.photoset();
        UUID captioned = make.image(set, "harbour.jpg", TestImages.jpeg(900, 600), List.of("sea"));
        UUID other = make.image(set, "street.jpg", TestImages.jpeg(600, 900), List.of("sea"));
        make.image(set, "plain.jpg", TestImages.jpeg(700, 700), List.of());
        caption(captioned, "a " + w + " resting in the harbour");
        caption(other, "cars in a busy street");

        open("/library");
        find(".card");
        browser.switchTo().activeElement().sendKeys("/");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("shell-q");
        browser.switchTo().activeElement().sendKeys(w);
        // from Enter to the first result in the page, and the search request's own time (Resource Timing)
        js("window.shown = new Promise((resolve) => new MutationObserver((m, o) => {"
                + " if (document.querySelector('.search-screen .cell')) { o.disconnect(); resolve(performance.now()); } })"
                + ".observe(document.getElementById('main'), {childList: true, subtree: true})); window.enterAt = performance.now()");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor(d -> d.getCurrentUrl().contains("#/search?q=" + w));
        waitFor(d -> "1".equals(find("[data-test=result-count]").getDomAttribute("data-loaded")));
        Number drawn = js("return window.shown.then((t) => t - window.enterAt)");
        Number request = js("return performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v2/search?'))"
                + ".at(-1).duration");
        System.out.printf(java.util.Locale.ROOT, "[search] text search: first result drawn %.0f ms after Enter; "
                + "GET /api/v2/search took %.0f ms%n", drawn.doubleValue(), request.doubleValue());
        assertThat(all(".cell").stream().map(c -> c.getDomAttribute("data-id")).toList()).containsExactly(captioned.toString());
        assertThat(find("[data-test=result-count]").getText()).isEqualTo("1 result");
        assertThat(find(".mode-switch button[aria-pressed=true]").getText()).isEqualTo("Text");
        assertThat(find("#shell-q").getDomProperty("value")).isEqualTo(w);
        waitFor(d -> js("return [...document.querySelectorAll('.cell img')].every((i) => i.complete && i.naturalWidth > 0)"));
        screenshots("results");

        // a filter goes into the address, and one that excludes the image leaves nothing
        new org.openqa.selenium.support.ui.Select(find("#search-has_caption")).selectByVisibleText("Without caption");
        waitFor(d -> d.getCurrentUrl().contains("has_caption=false"));
        waitForText("[data-test=result-count]", "Nothing matches.");
        assertThat(all(".cell")).isEmpty();
        open("/search?q=" + w + "&mode=text&tags=sea&photoset_id=" + set);
        waitFor(d -> "1".equals(find("[data-test=result-count]").getDomAttribute("data-loaded")));
        assertThat(find("#search-tags").getDomProperty("value")).isEqualTo("sea");
        assertThat(find("#search-photoset").getDomProperty("value")).isEqualTo(set.toString());

        // the result opens in the viewer, as in the images grid
        find(".cell[data-id='" + captioned + "']").click();
        waitForText(".viewer-name", "harbour.jpg");
        assertThat(browser.getCurrentUrl()).contains("image=" + captioned).contains("q=" + w);
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitFor(d -> all("dialog.viewer").isEmpty());
        assertThat(browser.getCurrentUrl()).doesNotContain("image=").contains("q=" + w);
    }

    @Test
    void semanticModeWithEmbeddingsOffShowsTheServersReasonAndOffersTextMode() throws Exception {
        expectConsoleError("status of 503");
        String w = word();
        UUID set = make.photoset();
        UUID captioned = make.image(set, "boat.jpg", TestImages.jpeg(640, 480), List.of());
        caption(captioned, "a " + w + " at sea");
        String reason = app.api.get("/api/v2/search?mode=semantic&q=" + w).json().get("detail").asString();
        assertThat(reason).contains("EMBEDDINGS");

        open("/search?q=" + w + "&mode=semantic");
        waitForText("[data-test=search-problem] .error", reason);
        assertThat(find(".mode-switch button[aria-pressed=true]").getText()).isEqualTo("Semantic");
        assertThat(all(".cell")).isEmpty();
        screenshots("semantic-off");
        button("Search in text mode").click();
        waitFor(d -> d.getCurrentUrl().contains("mode=text"));
        waitFor(d -> all(".cell").size() == 1);
        assertThat(find(".cell").getDomAttribute("data-id")).isEqualTo(captioned.toString());
        assertThat(all("[data-test=search-problem] .error").getFirst().isDisplayed()).isFalse();

        // search by image needs embeddings too: a picked file gets the server's words, not a silent nothing
        Path file = Files.createTempFile("query", ".jpg");
        try {
            Files.write(file, TestImages.jpeg(120, 80));
            find("#search-file").sendKeys(file.toAbsolutePath().toString());
            waitForText("[data-test=search-like]", "Images that look like " + file.getFileName());
            waitForText("[data-test=search-problem] .error", "EMBEDDINGS");
            assertThat(all("[data-test=search-problem] button").getFirst().isDisplayed()).isFalse();
            screenshot("by-image-off");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The screen at a desktop and a phone size, in the light and the dark scheme. */
    private void screenshots(String step) {
        for (String scheme : List.of("light", "dark")) {
            Browser.colorScheme(scheme);
            for (int[] size : List.of(new int[] {1280, 800}, new int[] {390, 844})) {
                resize(size[0], size[1]);
                js("return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
                screenshot(step + "-" + size[0] + "-" + scheme);
            }
        }
        Browser.colorScheme("light");
        resize(1280, 800);
    }
}
