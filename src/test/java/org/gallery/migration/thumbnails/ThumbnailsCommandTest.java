package org.gallery.migration.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gallery.migration.MigrationTestCase;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ThumbnailsCommandTest extends MigrationTestCase {

    private int thumbnails(String... args) {
        return env.run(new ThumbnailsCommand(() -> env.settings, env.opener()), args);
    }

    @Test
    void makesWhatIsMissingSkipsWhatExistsAndRemakesOnForce() throws Exception {
        env.image("Alpha", "a.jpg", TestImages.jpeg(800, 600));
        env.image("Alpha", "b.png", TestImages.png(300, 200));
        env.image("Beta", "c.jpg", TestImages.jpeg(640, 480));
        assertThat(env.runImport()).as(env.out).isZero();

        assertThat(thumbnails("--photoset", "alpha", "--workers", "2")).as(env.out).isZero();
        assertThat(env.out).contains("Thumbnails: 2 images, 2 made");
        assertThat(countThumbnailFolders()).isEqualTo(2);
        // the decode that made them also hashed them, for GET /duplicates
        assertThat(env.count("image_hashes")).isEqualTo(2);

        assertThat(thumbnails("--json")).as(env.out).isZero();
        var summary = JsonMapper.builder().build().readTree(env.out);
        assertThat(summary.get("total").asInt()).isEqualTo(3);
        assertThat(summary.get("made").asInt()).isEqualTo(1);
        assertThat(summary.get("skipped").asInt()).isEqualTo(2);
        assertThat(countThumbnailFolders()).isEqualTo(3);
        assertThat(env.count("image_hashes")).isEqualTo(3);

        assertThat(thumbnails("--force", "--batch-size", "1")).as(env.out).isZero();
        assertThat(env.out).contains("3 made, 0 already had them");
        assertThat(thumbnails("--photoset", "nobody")).isEqualTo(1);
    }

    @Test
    void truncatedOriginalIsReportedAndTheOthersAreMade() throws Exception {
        byte[] whole = TestImages.jpeg(800, 600);
        env.image("Gamma", "cut.jpg", java.util.Arrays.copyOf(whole, whole.length / 2));
        env.image("Gamma", "fine.jpg", TestImages.jpeg(640, 480));
        assertThat(env.runImport()).as(env.out).isZero();

        assertThat(thumbnails()).as(env.out).isEqualTo(1);
        assertThat(env.out).contains("2 images, 1 made, 0 already had them, 1 failed").contains("cut.jpg: The image cannot be decoded");
        assertThat(countThumbnailFolders()).isEqualTo(1);
    }

    private long countThumbnailFolders() throws Exception {
        Path dir = env.thumbnails();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var list = Files.list(dir)) {
            return list.filter(p -> Files.isRegularFile(p.resolve("large.jpg"))).count();
        }
    }
}
