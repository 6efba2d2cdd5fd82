package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Factories;
import org.gallery.testing.TestImages;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Selecting images in the grid and acting on the selection: tags, move, captions, find/replace, export, delete. */
class BulkBrowserTest extends BrowserTest {

    private static final java.util.concurrent.atomic.AtomicInteger SIZES = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void clicksPickImagesAndTagsGoOnAllOfThemAtOnce() {
        UUID set = make.photoset();
        List<UUID> ids = images(set, 6);
        open("/photosets/" + set);
        waitFor(d -> all(".cell").size() == 6);
        assertThat(shown(".selection-bar")).isNull();

        // Ctrl-click picks one, Shift-click the range up to another, Ctrl-click drops one of it again
        ctrlClick(cell(ids.get(0)));
        waitForText("[data-test=selection-count]", "1 image selected");
        new Actions(browser).keyDown(Keys.SHIFT).click(cell(ids.get(3))).keyUp(Keys.SHIFT).perform();
        waitForText("[data-test=selection-count]", "4 images selected");
        ctrlClick(cell(ids.get(2)));
        waitForText("[data-test=selection-count]", "3 images selected");
        assertThat(selectedIds()).containsExactlyInAnyOrder(id(ids.get(0)), id(ids.get(1)), id(ids.get(3)));
        // the address did not change: a click with a selection picks, it does not open the viewer
        assertThat(browser.getCurrentUrl()).doesNotContain("image=");
        screenshot("three-selected");

        // keyboard: Space on the focused thumbnail picks it, Escape clears everything
        js("arguments[0].focus()", cell(ids.get(5)));
        cell(ids.get(5)).sendKeys(" ");
        waitForText("[data-test=selection-count]", "4 images selected");
        cell(ids.get(5)).sendKeys(Keys.ESCAPE);
        waitFor(d -> shown(".selection-bar") == null && selectedIds().isEmpty());

        ctrlClick(cell(ids.get(1)));
        ctrlClick(cell(ids.get(4)));
        waitForText("[data-test=selection-count]", "2 images selected");
        button("Add tags…").click();
        String tag = "picked" + UUID.randomUUID().toString().substring(0, 6);
        find("dialog[open] input[type=text]").sendKeys(tag);
        screenshot("add-tags-dialog");
        find("dialog[open] button[type=submit]").click();
        waitForText(".bulk-status", "Added " + tag + " to 2 images.");
        assertThat(shown(".selection-bar")).isNull();

        // what the page shows afterwards: filtering by the tag finds exactly those two, the viewer shows the chip
        find("#img-tags").sendKeys(tag + "\t");
        waitFor(d -> ids().size() == 2);
        assertThat(ids()).containsExactlyInAnyOrder(id(ids.get(1)), id(ids.get(4)));
        cell(ids.get(1)).click();
        waitFor(d -> all("dialog.viewer .chip").stream().anyMatch(c -> c.getText().startsWith(tag)));
        screenshot("tag-in-viewer");
        find("dialog.viewer").sendKeys(Keys.ESCAPE);
        waitFor(d -> all("dialog.viewer").isEmpty());

        // removing takes it off again
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).perform();
        waitForText("[data-test=selection-count]", "All 2 matching images selected");
        button("Remove tags…").click();
        find("dialog[open] input[type=text]").sendKeys(tag);
        find("dialog[open] button[type=submit]").click();
        waitForText(".bulk-status", "Removed " + tag + " from 2 images.");
        waitForText("[data-test=image-count]", "No images match.");
    }

    @Test
    void allMatchingImagesMoveAndARefusedMoveIsShownInTheDialog() {
        UUID from = make.photoset();
        String targetName = Factories.unique("target");
        UUID to = make.photoset(targetName, Map.of());
        String tag = "sea" + UUID.randomUUID().toString().substring(0, 6);
        byte[] twin = TestImages.jpeg(77, 55);
        UUID a = make.image(from, "a.jpg", twin, List.of(tag));
        UUID b = make.image(from, "b.jpg", TestImages.jpeg(78, 55), List.of(tag));
        UUID c = make.image(from, "c.jpg", TestImages.jpeg(79, 55), List.of(tag));
        UUID untagged = make.image(from, "d.jpg", TestImages.jpeg(80, 55), List.of());
        UUID otherTwin = make.image(to, "twin.jpg", twin, List.of());

        open("/photosets/" + from + "?tags=" + tag);
        waitFor(d -> all(".cell").size() == 3);
        button("Select all").click();
        waitForText("[data-test=selection-count]", "All 3 matching images selected");
        assertThat(selectedIds()).hasSize(3);

        // the target already holds the same bytes as a.jpg: refused, and the reason is shown where the user acted
        expectConsoleError("status of 409");
        button("Move…").click();
        find("dialog[open] input[type=text]").sendKeys(targetName);
        find("dialog[open] button[type=submit]").click();
        waitForText("dialog[open] .error", "a.jpg (image " + a + ") is already in the photoset as twin.jpg (image " + otherTwin + ")");
        screenshot("move-refused");
        find("dialog[open]").sendKeys(Keys.ESCAPE);
        assertThat(app.api.get("/api/v2/images/" + a + "/metadata").json().get("photoset_id").asString()).isEqualTo(from.toString());

        // without a.jpg, the other two move
        ctrlClick(cell(a));
        waitForText("[data-test=selection-count]", "2 images selected");
        button("Move…").click();
        find("dialog[open] input[type=text]").sendKeys(targetName);
        find("dialog[open] button[type=submit]").click();
        waitForText(".bulk-status", "Moved 2 images to " + targetName + ".");
        waitFor(d -> ids().equals(List.of(id(a))));
        screenshot("after-move");

        find(".bulk-status a").click();
        waitFor(d -> ids().size() == 3);
        assertThat(ids()).containsExactlyInAnyOrder(id(b), id(c), id(otherTwin));
        assertThat(app.api.get("/api/v2/images/" + untagged + "/metadata").json().get("photoset_id").asString())
                .isEqualTo(from.toString());
    }

    @Test
    void deletingAsksFirstAndSaysHowManyImagesGo() {
        UUID set = make.photoset();
        List<UUID> ids = images(set, 4);
        open("/photosets/" + set);
        waitFor(d -> all(".cell").size() == 4);
        js("arguments[0].click()", cell(ids.get(0)).findElement(By.cssSelector(".select-box")));
        ctrlClick(cell(ids.get(2)));
        waitForText("[data-test=selection-count]", "2 images selected");
        button("Delete…").click();
        WebElement dialog = find("dialog[open]");
        assertThat(dialog.findElement(By.tagName("h2")).getText()).isEqualTo("Delete 2 images?");
        assertThat(dialog.findElement(By.cssSelector(".dialog-message")).getText())
                .isEqualTo("These 2 images and their files, captions, crops and thumbnails will be removed. This cannot be undone.");
        screenshot("confirm-delete");
        button("Delete 2 images").click();
        waitForText(".bulk-status", "Deleted 2 images.");
        waitFor(d -> ids().size() == 2);
        assertThat(ids()).containsExactlyInAnyOrder(id(ids.get(1)), id(ids.get(3)));
        assertThat(app.api.get("/api/v2/images/" + ids.get(0) + "/metadata").status()).isEqualTo(404);
        waitForText("[data-test=image-count]", "2 images");
    }

    @Test
    void captionsAreGeneratedThenCleanedWithAPreviewFirst() {
        UUID set = make.photoset();
        List<UUID> ids = images(set, 3);
        open("/photosets/" + set);
        waitFor(d -> all(".cell").size() == 3);
        button("Select all").click();
        waitForText("[data-test=selection-count]", "All 3 matching images selected");
        button("Generate captions…").click();
        find("dialog[open] button[type=submit]").click();
        waitForText(".bulk-status", "Captioning 3 images in the background.");
        WebElement jobsLink = find(".bulk-status a");
        assertThat(jobsLink.getDomAttribute("href")).isEqualTo("#/jobs");
        for (UUID id : ids) {
            Waits.until(Duration.ofSeconds(60), () -> app.api.get("/api/v2/images/" + id + "/caption").status(), s -> s == 200);
        }
        String caption = app.api.get("/api/v2/images/" + ids.get(0) + "/caption").json().get("caption").asString();
        String word = "landscape";
        assertThat(caption).contains(word);
        screenshot("captions-started");

        // find/replace: a dry run shows each change, and only "Apply" saves them
        browser.navigate().refresh();
        waitFor(d -> all(".cell .badge.caption").size() == 3);
        ctrlClick(cell(ids.get(0)));
        ctrlClick(cell(ids.get(1)));
        button("Find/replace…").click();
        find("dialog[open] input[type=text]").sendKeys(word);
        browser.findElements(By.cssSelector("dialog[open] input[type=text]")).get(1).sendKeys("REPLACED");
        button("Preview").click();
        waitForText("[data-test=replace-summary]", "2 captions of 2 would change.");
        assertThat(all("dialog[open] .replace-changes ins").getFirst().getText()).contains("REPLACED");
        screenshot("replace-preview");
        assertThat(captionOf(ids.get(0))).isEqualTo(caption);
        button("Apply to 2 captions").click();
        waitForText(".bulk-status", "Changed 2 captions.");
        assertThat(captionOf(ids.get(0))).contains("REPLACED");
        assertThat(captionOf(ids.get(2))).doesNotContain("REPLACED");

        open("/jobs");
        waitFor(d -> all("table.jobs tbody tr").stream().anyMatch(r -> r.getText().contains("captions")));
    }

    @Test
    void anExportOfTheSelectionIsFollowedUntilItsDownloadIsReady() {
        UUID set = make.photoset();
        List<UUID> ids = images(set, 3);
        open("/photosets/" + set);
        waitFor(d -> all(".cell").size() == 3);
        ctrlClick(cell(ids.get(0)));
        ctrlClick(cell(ids.get(2)));
        button("Export…").click();
        find("dialog[open] input[type=number]").sendKeys("32");
        screenshot("export-options");
        find("dialog[open] button[type=submit]").click();
        waitFor(Duration.ofSeconds(60), d -> all(".bulk-status").stream().anyMatch(s -> s.getText().startsWith("Export ready")));
        assertThat(find(".bulk-status").getText()).endsWith("(2 images).");
        String download = find(".bulk-status a").getDomAttribute("href");
        assertThat(download).startsWith("/api/v2/exports/");
        var zip = app.api.get(download);
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).contains("zip");
        screenshot("export-ready");
    }

    @Test
    void aViewerCanNeitherSelectNorSeeBulkActions() {
        UUID set = make.photoset();
        List<UUID> ids = images(set, 2);
        String viewer = account("viewer");
        signIn(app, viewer, "password-of-" + viewer);
        open("/photosets/" + set);
        waitFor(d -> all(".cell").size() == 2);
        assertThat(all(".select-box")).isEmpty();
        assertThat(all(".selection-bar")).isEmpty();
        assertThat(browser.findElements(By.tagName("button")).stream().map(WebElement::getText))
                .doesNotContain("Select all", "Upload…");
        js("arguments[0].focus()", cell(ids.get(0)));
        cell(ids.get(0)).sendKeys(" ");
        assertThat(all(".cell.selected")).isEmpty();
        screenshot("viewer");
    }

    private List<UUID> images(UUID set, int n) {
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(make.image(set, "img_" + i + ".jpg", TestImages.jpeg(60 + SIZES.incrementAndGet() % 300, 45), List.of()));
        }
        return ids;
    }

    private WebElement cell(UUID id) {
        return find(".cell[data-id='" + id + "']");
    }

    private void ctrlClick(WebElement element) {
        new Actions(browser).keyDown(Keys.CONTROL).click(element).keyUp(Keys.CONTROL).perform();
    }

    /** The first element shown that matches, or null; without waiting. */
    private WebElement shown(String css) {
        return browser.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    private List<String> selectedIds() {
        return all(".cell.selected").stream().map(c -> c.getDomAttribute("data-id")).toList();
    }

    private List<String> ids() {
        return all(".cell").stream().map(c -> c.getDomAttribute("data-id")).toList();
    }

    private static String id(UUID id) {
        return id.toString();
    }

    private String captionOf(UUID id) {
        return app.api.get("/api/v2/images/" + id + "/caption").json().get("caption").asString();
    }
}
