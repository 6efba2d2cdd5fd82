package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The images grid: windowed, paged by cursor as it scrolls, filtered on the server, with caption and crop badges. */
class ImagesBrowserTest extends BrowserTest {

    @Test
    void theGridKeepsFewNodesWhileItScrollsThroughEveryPage() {
        UUID set = make.photoset();
        // 300 images: two pages of 200; uploaded four at a time
        IntStream.range(0, 300).parallel().forEach(i ->
                make.image(set, String.format("img_%03d.jpg", i), TestImages.jpeg(40 + i % 30, 30 + i % 20), List.of()));
        open("/photosets/" + set);
        waitForText("[data-test=image-count]", "300 images (200 loaded)");
        waitFor(d -> !all(".cell img").isEmpty());
        int shown = all(".cell").size();
        assertThat(shown).isBetween(20, 120);
        WebElement first = find(".cell img");
        waitFor(d -> js("return arguments[0].complete && arguments[0].naturalWidth > 0", first));
        assertThat(first.getDomAttribute("alt")).isEqualTo("img_000.jpg");
        screenshot("grid");

        // scrolling to the end fetches the second page; the DOM stays the same size
        js("document.querySelector('.grid-scroll').scrollTo(0, 1e7)");
        waitFor(d -> "300".equals(find("[data-test=image-count]").getDomAttribute("data-loaded")));
        js("document.querySelector('.grid-scroll').scrollTo(0, 1e7)");
        waitFor(d -> all(".cell img").stream().anyMatch(img -> "img_299.jpg".equals(img.getDomAttribute("alt"))));
        assertThat(all(".cell").size()).isBetween(20, 120);
        assertThat(find("[data-test=image-count]").getText()).isEqualTo("300 images");
        screenshot("grid-end");

        // a smaller size shows more, smaller cells; the choice is remembered
        js("const s = document.getElementById('img-size'); s.value = 80; s.dispatchEvent(new Event('input'))");
        Number width = js("return document.querySelector('.cell').getBoundingClientRect().width");
        assertThat(width.doubleValue()).isBetween(80.0, 100.0);
        assertThat((String) js("return localStorage.getItem('gallery.gridSize')")).isEqualTo("80");
        screenshot("small-cells");
    }

    @Test
    void filtersAndBadgesFollowCaptionsCropsTagsAndText() {
        UUID set = make.photoset();
        UUID captioned = make.image(set, "a_captioned.jpg", TestImages.jpeg(120, 80), List.of());
        UUID cropped = make.image(set, "b_cropped.jpg", TestImages.jpeg(120, 80), List.of());
        UUID tagged = make.image(set, "c_tagged.jpg", TestImages.jpeg(80, 120), List.of("lighthouse"));
        make.image(set, "d_plain.png", TestImages.png(100, 100), List.of());
        assertThat(app.api.post("/api/v2/images/" + captioned + "/caption", Map.of("caption", "a quiet harbour at dawn")).status()).isEqualTo(200);
        assertThat(app.api.post("/api/v2/images/" + cropped + "/crop", Map.of("x", 0, "y", 0, "width", 60, "height", 60)).status()).isIn(200, 201);

        open("/photosets/" + set);
        waitFor(d -> all(".cell").size() == 4);
        assertThat(badgesOf(captioned)).isEqualTo("Aa");
        assertThat(badgesOf(cropped)).isEqualTo("Crop");
        assertThat(badgesOf(tagged)).isEmpty();
        screenshot("badges");

        new Select(find("#img-has_caption")).selectByVisibleText("With caption");
        waitFor(d -> ids().equals(List.of(captioned.toString())));
        new Select(find("#img-has_caption")).selectByVisibleText("Without caption");
        waitFor(d -> ids().size() == 3 && !ids().contains(captioned.toString()));
        new Select(find("#img-has_caption")).selectByVisibleText("Any");
        new Select(find("#img-has_crop")).selectByVisibleText("With crop");
        waitFor(d -> ids().equals(List.of(cropped.toString())));
        new Select(find("#img-has_crop")).selectByVisibleText("Any");
        find("#img-tags").sendKeys("lighthouse\t");
        waitFor(d -> ids().equals(List.of(tagged.toString())));
        assertThat(browser.getCurrentUrl()).contains("tags=lighthouse");
        find("#img-tags").clear();
        find("#img-tags").sendKeys("\t");
        find("#img-q").sendKeys("harbour");
        waitFor(d -> ids().equals(List.of(captioned.toString())));
        find("#img-q").clear();
        new Select(find("#img-sort")).selectByVisibleText("File name Z–A");
        waitFor(d -> ids().size() == 4 && ids().getFirst().equals(all(".cell").getFirst().getDomAttribute("data-id")));
        assertThat(all(".cell img").getFirst().getDomAttribute("alt")).isEqualTo("d_plain.png");

        // the same filters survive a reload: they live in the address
        browser.navigate().refresh();
        waitFor(d -> all(".cell").size() == 4);
        assertThat(new Select(find("#img-sort")).getFirstSelectedOption().getText()).isEqualTo("File name Z–A");
    }

    private String badgesOf(UUID id) {
        return browser.findElement(org.openqa.selenium.By.cssSelector(".cell[data-id='" + id + "'] .badges")).getText().trim();
    }

    private List<String> ids() {
        return all(".cell").stream().map(c -> c.getDomAttribute("data-id")).toList();
    }

    @Test
    void aMissingPhotosetOffersNothingToSelectOrUpload() {
        expectConsoleError("status of 404");
        open("/photosets/" + UUID.randomUUID());
        waitForText(".screen-head h1", "Photoset not found");
        waitForText(".images .error", "does not exist");
        assertThat(browser.findElements(org.openqa.selenium.By.tagName("button")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText))
                .doesNotContain("Select all", "Upload…");
        assertThat(all(".images .toolbar").getFirst().isDisplayed()).isFalse();
        assertThat(all(".grid-scroll").getFirst().isDisplayed()).isFalse();
        screenshot("missing");
    }
}
