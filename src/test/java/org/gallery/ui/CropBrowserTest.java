package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The crop tool in the viewer, on a photo taken sideways (EXIF orientation 6): the rectangle is drawn on the upright
 * picture, so what is stored is in upright pixels.
 */
class CropBrowserTest extends BrowserTest {

    @Test
    void aCropIsDrawnNudgedSavedShownAfterReloadSuggestedAndDeleted() {
        UUID set = make.photoset();
        // stored 800 × 600, shown upright as 600 × 800
        UUID id = make.image(set, "sideways.jpg", TestImages.jpegWithExif(800, 600, 6, null, "Gallery", "Sideways"), List.of());
        open("/photosets/" + set + "?image=" + id);
        WebElement image = find("dialog.viewer[open] .viewer-image");
        waitFor(d -> js("return arguments[0].complete && arguments[0].naturalWidth > 0", image));
        assertThat(find("[data-test=crop-numbers]").getText()).contains("No crop");

        button("Edit crop").click();
        WebElement layer = find("[data-test=crop-layer]");
        Map<String, Number> box = js("const r = arguments[0].getBoundingClientRect(); return {w: r.width, h: r.height}", layer);
        double scale = box.get("w").doubleValue() / 600;
        assertThat(box.get("h").doubleValue() / 800).isCloseTo(scale, within(0.01));
        // from near the top-left corner (outside the rectangle offered to start with) a quarter of the way in
        int fromX = -box.get("w").intValue() / 2 + 4;
        int fromY = -box.get("h").intValue() / 2 + 4;
        new Actions(browser).moveToElement(layer, fromX, fromY).clickAndHold()
                .moveByOffset(40, 40).moveByOffset((int) (300 * scale) - 40, (int) (400 * scale) - 40).release().perform();
        waitForText("[data-test=crop-numbers]", "not saved");
        screenshot("drawn");
        Map<String, Object> drawn = js("const r = document.querySelector('.crop-rect').getBoundingClientRect(); "
                + "return {w: r.width, h: r.height}");
        assertThat(((Number) drawn.get("w")).doubleValue()).isCloseTo(300 * scale, within(3.0));
        assertThat(((Number) drawn.get("h")).doubleValue()).isCloseTo(400 * scale, within(3.0));

        // the keyboard: → moves by 1% of the long side (8 px), Shift+↓ makes it 8 px taller
        WebElement rect = find(".crop-rect");
        rect.sendKeys(Keys.ARROW_RIGHT);
        rect.sendKeys(Keys.chord(Keys.SHIFT, Keys.ARROW_DOWN));
        button("Save crop").click();
        waitForText("[data-test=crop-status]", "Crop saved.");
        var crop = app.api.get("/api/v2/images/" + id + "/crop").json();
        int x = crop.get("x").asInt();
        int y = crop.get("y").asInt();
        int width = crop.get("width").asInt();
        int height = crop.get("height").asInt();
        assertThat(x).isCloseTo(4 + 8, within(3));
        assertThat(y).isCloseTo(4, within(3));
        assertThat(width).isCloseTo(300, within(4));
        assertThat(height).isCloseTo(400 + 8, within(4));
        // the preview is the server's cropped picture, the shape of the saved rectangle
        WebElement preview = find("[data-test=crop-preview]");
        waitFor(d -> js("return arguments[0].complete && arguments[0].naturalWidth > 0", preview));
        Map<String, Number> natural = js("return {w: arguments[0].naturalWidth, h: arguments[0].naturalHeight}", preview);
        assertThat(natural.get("w").doubleValue() / natural.get("h").doubleValue()).isCloseTo((double) width / height, within(0.02));
        assertThat(preview.getDomAttribute("alt")).isEqualTo("Cropped sideways.jpg");
        waitFor(d -> !all(".cell[data-id='" + id + "'] .badge.crop").isEmpty());
        screenshot("saved");

        // a reload shows the saved crop over the image
        browser.navigate().refresh();
        waitForText("[data-test=crop-numbers]", "x " + x + ", y " + y + ", " + width + " × " + height + " px");
        assertThat(find(".crop-rect").isDisplayed()).isTrue();

        // 1:1 makes it square; pulling the bottom-right handle in keeps it square
        button("Edit crop").click();
        button("1:1").click();
        int[] square = shown();
        assertThat(all(".crop-handle.e").getFirst().isDisplayed()).as("edge handles with a fixed shape").isFalse();
        assertThat(square[2]).isEqualTo(square[3]);
        new Actions(browser).clickAndHold(find(".crop-handle.se")).moveByOffset(-20, -5).moveByOffset(-40, -10).release().perform();
        waitFor(d -> shown()[2] < square[2]);
        int[] pulled = shown();
        assertThat(pulled[2]).isEqualTo(pulled[3]).isCloseTo(square[2] - (int) Math.round(60 / scale), within(4));
        assertThat(pulled[0]).isEqualTo(square[0]);
        assertThat(pulled[1]).isEqualTo(square[1]);
        screenshot("square");

        // Suggest at 16:9 fills a rectangle of that shape, the server's own proposal
        button("16:9").click();
        button("Suggest").click();
        waitForText("[data-test=crop-status]", "Suggested 16:9.");
        var suggested = app.api.get("/api/v2/images/" + id + "/crop/suggest?aspect_ratio=16:9").json();
        assertThat(find("[data-test=crop-numbers]").getText()).startsWith("x " + suggested.get("x").asInt() + ", y "
                + suggested.get("y").asInt() + ", " + suggested.get("width").asInt() + " × " + suggested.get("height").asInt() + " px");
        assertThat(suggested.get("width").asDouble() / suggested.get("height").asDouble()).isCloseTo(16.0 / 9, within(0.02));
        screenshot("suggested");

        button("Delete crop").click();
        waitForText("[data-test=crop-status]", "Crop deleted.");
        assertThat(app.api.get("/api/v2/images/" + id + "/metadata").json().get("has_crop").asBoolean()).isFalse();
        assertThat(all("[data-test=crop-preview]").getFirst().isDisplayed()).isFalse();
    }

    /** x, y, width, height as the tool shows them. */
    private int[] shown() {
        var m = java.util.regex.Pattern.compile("x (\\d+), y (\\d+), (\\d+) × (\\d+) px").matcher(find("[data-test=crop-numbers]").getText());
        assertThat(m.find()).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))};
    }
}
