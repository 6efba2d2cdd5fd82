package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.gallery.testing.NearCopies;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Similar images in the viewer, and the duplicates review: hash backfill, keep one and delete the others. */
class DuplicatesBrowserTest extends BrowserTest {

    /** An original, two near copies of it and an unrelated picture, in a photoset of their own. */
    record Set(UUID photoset, UUID original, UUID smaller, UUID brighter, UUID other) {
    }

    private Set upload() {
        // a seed of this run: the test app is shared, and another test's pictures must not join these groups
        long seed = ThreadLocalRandom.current().nextLong();
        BufferedImage picture = NearCopies.scene(seed, 1200, 800);
        UUID set = make.photoset();
        UUID original = make.image(set, "original.jpg", NearCopies.jpeg(picture, 0.92f), List.of());
        UUID smaller = make.image(set, "smaller.jpg", NearCopies.jpeg(NearCopies.resized(picture, 0.4), 0.5f), List.of());
        UUID brighter = make.image(set, "brighter.jpg",
                NearCopies.jpeg(NearCopies.brightened(NearCopies.resized(picture, 0.8), 1.15), 0.7f), List.of());
        UUID other = make.image(set, "other.jpg", NearCopies.jpeg(NearCopies.scene(seed + 1, 800, 1200), 0.9f), List.of());
        return new Set(set, original, smaller, brighter, other);
    }

    @Test
    void theViewerShowsANearCopyAsSimilarAndOpensIt() {
        Set s = upload();
        open("/photosets/" + s.photoset() + "?image=" + s.original());
        WebElement similar = find("dialog.viewer [data-test=similar]");
        waitFor(d -> !similar.findElements(By.cssSelector(".similar-item")).isEmpty());
        List<String> shown = similar.findElements(By.cssSelector(".similar-item")).stream()
                .map(b -> b.getDomAttribute("data-id")).toList();
        assertThat(shown).contains(s.smaller().toString(), s.brighter().toString()).doesNotContain(s.other().toString(),
                s.original().toString());
        assertThat(find(".similar-by button[data-by=pixels]").getDomAttribute("aria-pressed")).isEqualTo("true");
        // embeddings are off in the test app: comparing by meaning is not offered
        assertThat(all(".similar-by button[data-by=embeddings]").getFirst().isDisplayed()).isFalse();
        js("arguments[0].scrollIntoView()", similar);
        screenshot("similar");

        similar.findElement(By.cssSelector(".similar-item[data-id='" + s.smaller() + "']")).click();
        waitForText(".viewer-name", "smaller.jpg");
        waitFor(d -> d.getCurrentUrl().contains("image=" + s.smaller()));
        waitFor(d -> find("dialog.viewer [data-test=similar]").findElements(By.cssSelector(".similar-item")).stream()
                .anyMatch(b -> s.original().toString().equals(b.getDomAttribute("data-id"))));
    }

    @Test
    void keepingOneDeletesExactlyTheOthersAfterHashingTheMissing() {
        Set s = upload();
        // as an image stored before hashes were made: it is in no group until the backfill hashes it
        app.sql().execute("DELETE FROM image_hashes WHERE image_id = ?", s.brighter());

        open("/duplicates?photoset_id=" + s.photoset());
        WebElement group = find(".dup-group");
        assertThat(group.getDomAttribute("data-keep")).isEqualTo(s.original().toString());
        assertThat(group.findElements(By.cssSelector(".dup-member"))).hasSize(2);
        button("Hash images without a hash").click();
        waitForText("[data-test=duplicates-status]", "Hashing succeeded");
        assertThat(find("[data-test=duplicates-status]").getText()).contains("1 of 1 image hashed");
        waitFor(d -> find(".dup-group").findElements(By.cssSelector(".dup-member")).size() == 3);
        assertThat(all(".dup-group")).hasSize(1);

        WebElement keep = find(".dup-group .dup-member.keep");
        assertThat(keep.getDomAttribute("data-id")).isEqualTo(s.original().toString());
        assertThat(keep.getText()).contains("original.jpg").contains("1200 × 800 px").contains("Proposed to keep");
        assertThat(find(".dup-member[data-id='" + s.smaller() + "']").getText()).contains("480 × 320 px").contains("bit");
        waitFor(d -> js("return [...document.querySelectorAll('.dup-member img')].every((i) => i.complete && i.naturalWidth > 0)"));
        for (String scheme : List.of("light", "dark")) {
            Browser.colorScheme(scheme);
            for (int[] size : List.of(new int[] {1280, 800}, new int[] {390, 844})) {
                resize(size[0], size[1]);
                screenshot("group-" + size[0] + "-" + scheme);
            }
        }
        Browser.colorScheme("light");
        resize(1280, 800);

        button("Keep one, delete 2 others").click();
        WebElement dialog = find("dialog[open]");
        assertThat(dialog.getText()).contains("Delete 2 images?").contains("original.jpg stays");
        screenshot("confirm");
        dialog.findElement(By.cssSelector("button.danger")).click();
        waitForText("[data-test=duplicates-status]", "Deleted 2 images.");
        assertThat(find(".dup-group").getText()).contains("Kept original.jpg");
        assertThat(app.api.get("/api/v2/images/" + s.smaller() + "/metadata").status()).isEqualTo(404);
        assertThat(app.api.get("/api/v2/images/" + s.brighter() + "/metadata").status()).isEqualTo(404);
        assertThat(app.api.get("/api/v2/images/" + s.original() + "/metadata").status()).isEqualTo(200);
        assertThat(app.api.get("/api/v2/images/" + s.other() + "/metadata").status()).isEqualTo(200);

        open("/photosets/" + s.photoset());
        waitForText("[data-test=image-count]", "2 images");
        assertThat(all(".cell").stream().map(c -> c.getDomAttribute("data-id")).toList())
                .containsExactlyInAnyOrder(s.original().toString(), s.other().toString());
    }

    @Test
    void taggingTheOthersAndSkippingLeaveEveryImage() {
        Set s = upload();
        open("/duplicates?photoset_id=" + s.photoset());
        waitFor(d -> find(".dup-group").findElements(By.cssSelector(".dup-member")).size() == 3);
        // another one to keep than the proposal
        find(".dup-member[data-id='" + s.smaller() + "'] input[type=radio]").click();
        button("Tag the 2 others").click();
        waitForText("[data-test=duplicates-status]", "Tagged 2 images “duplicate”.");
        assertThat(tags(s.original())).containsExactly("duplicate");
        assertThat(tags(s.brighter())).containsExactly("duplicate");
        assertThat(tags(s.smaller())).isEmpty();
        assertThat(tags(s.other())).isEmpty();
        assertThat(app.api.get("/api/v2/photosets/" + s.photoset() + "/images").json().get("items")).hasSize(4);
    }

    @Test
    void applyingToAllGroupsDeletesTheOthersOfEachAfterSayingHowMany() {
        long seed = ThreadLocalRandom.current().nextLong();
        UUID set = make.photoset();
        List<UUID> kept = new java.util.ArrayList<>();
        List<UUID> copies = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BufferedImage picture = NearCopies.scene(seed + 10 * i, 1000, 700);
            kept.add(make.image(set, "shot" + i + ".jpg", NearCopies.jpeg(picture, 0.92f), List.of()));
            copies.add(make.image(set, "shot" + i + "-small.jpg", NearCopies.jpeg(NearCopies.resized(picture, 0.5), 0.6f), List.of()));
        }
        copies.add(make.image(set, "shot1-smaller.jpg",
                NearCopies.jpeg(NearCopies.resized(NearCopies.scene(seed + 10, 1000, 700), 0.3), 0.6f), List.of()));

        UUID skipped = copies.remove(2);

        open("/duplicates?photoset_id=" + set);
        waitFor(d -> all(".dup-group").size() == 3);
        assertThat(find("[data-test=bulk-summary]").getText()).isEqualTo("All 3 groups shown: 4 other images");
        // a group skipped is left out of "all"
        find(".dup-group[data-keep='" + kept.get(2) + "']").findElement(By.xpath(".//button[text()='Skip']")).click();
        waitForText("[data-test=bulk-summary]", "All 2 groups shown: 3 other images");
        button("Keep one, delete the others in all").click();
        WebElement dialog = find("dialog[open]");
        assertThat(dialog.getText()).contains("Delete 3 images?").contains("each of the 2 groups");
        dialog.findElement(By.cssSelector("button.danger")).click();
        waitForText("[data-test=duplicates-status]", "Deleted 3 images.");
        for (UUID id : copies) {
            assertThat(app.api.get("/api/v2/images/" + id + "/metadata").status()).isEqualTo(404);
        }
        for (UUID id : kept) {
            assertThat(app.api.get("/api/v2/images/" + id + "/metadata").status()).isEqualTo(200);
        }
        assertThat(app.api.get("/api/v2/images/" + skipped + "/metadata").status()).isEqualTo(200);
        assertThat(find("[data-test=group-count]").getText()).isEqualTo("Every group reviewed.");
    }

    private List<String> tags(UUID id) {
        return app.api.get("/api/v2/images/" + id + "/metadata").json().get("tags").valueStream().map(t -> t.asString()).toList();
    }
}
