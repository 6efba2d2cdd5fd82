package org.gallery.migration.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gallery.migration.MigrationEnv;
import org.gallery.migration.MigrationTestCase;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VerifyCommandTest extends MigrationTestCase {

    @BeforeEach
    void importSomething() {
        for (int i = 0; i < 3; i++) {
            env.image("Alpha", "a" + i + ".jpg", TestImages.jpeg(30, 20));
            env.image("Beta", "b" + i + ".png", TestImages.png(20, 30));
        }
        env.image("Beta", "notes.txt", "left out on purpose".getBytes());
        env.metadata("Alpha.json", "{\"tags\": [\"one\", \"two\"], \"actors\": [\"Ann\"]}");
        assertThat(env.runImport()).as(env.out).isZero();
    }

    int verify(String... args) {
        return env.run(new VerifyCommand(() -> env.settings, env.opener(), false), args);
    }

    @Test
    void agreesAfterAnImportAndCountsEverything() {
        assertThat(verify()).as(env.out + env.err).isZero();

        assertThat(env.out)
                .contains("database:    2 photosets, 6 images, 2 tags, 1 actors")
                .contains("image files: 6 checked, 6 fine")
                .contains("disk:        0 unknown files, 1 files the import left out on purpose")
                .contains("folders:     2 photosets, 0 missing folders, 0 folders without a photoset")
                .contains("thumbnails:  0 of 6 images have all sizes, 0 some, 6 none")
                .contains("Result: the database and the disk agree.");
        assertThat(verify("--deep")).isZero();
        assertThat(env.out).contains("size and SHA-256 compared");
    }

    @Test
    void reportsAMissingFile() throws Exception {
        Files.delete(env.images().resolve("Alpha/a1.jpg"));

        assertThat(verify()).isEqualTo(1);

        assertThat(env.out).contains("missing file: Alpha/a1.jpg").contains("file not found")
                .contains("DISAGREE (1 problems)");
    }

    @Test
    void reportsUnknownFilesAndFoldersWithoutAPhotoset() {
        env.image("Alpha", "stray.jpg", TestImages.jpeg(10, 10));
        env.image("Gamma", "new.jpg", TestImages.jpeg(10, 10));
        MigrationEnv.write(env.images().resolve("loose.jpg"), TestImages.jpeg(10, 10));

        assertThat(verify()).isEqualTo(1);

        assertThat(env.out)
                .contains("unknown file: Alpha/stray.jpg - no image row knows this file")
                .contains("unknown file: Gamma/new.jpg")
                .contains("unknown file: loose.jpg")
                .contains("folder without photoset: Gamma")
                .contains("disk:        3 unknown files");
    }

    @Test
    void deepFindsAChangedFileOfTheSameSize() throws Exception {
        Path file = env.images().resolve("Beta/b2.png");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(file, bytes);

        assertThat(verify()).as("same size: only --deep reads the content").isZero();
        assertThat(verify("--deep")).isEqualTo(1);

        assertThat(env.out).contains("content mismatch: Beta/b2.png").contains("SHA-256 differs");
    }

    @Test
    void reportsAFileWhoseSizeChanged() throws Exception {
        // the same picture with bytes added: surely another length (two small random JPEGs can have the same one)
        Path file = env.images().resolve("Alpha/a0.jpg");
        byte[] before = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(before, before.length + 1000));

        assertThat(verify()).isEqualTo(1);

        assertThat(env.out).contains("size mismatch: Alpha/a0.jpg");
    }

    @Test
    void countsThumbnailsThatExist() throws Exception {
        var ids = env.sql().fetch("select id from images order by rel_path").getValues(0).stream().map(String::valueOf).toList();
        for (String size : new String[] {"small", "medium", "large"}) {
            MigrationEnv.write(env.thumbnails().resolve(ids.get(0)).resolve(size + ".jpg"), TestImages.jpeg(8, 8));
        }
        MigrationEnv.write(env.thumbnails().resolve(ids.get(1)).resolve("small.jpg"), TestImages.jpeg(8, 8));

        assertThat(verify("--json")).isZero();

        JsonNode json = JsonMapper.builder().build().readTree(env.out);
        JsonNode thumbnails = json.get("thumbnails");
        assertThat(thumbnails.get("complete").asInt()).isEqualTo(1);
        assertThat(thumbnails.get("partial").asInt()).isEqualTo(1);
        assertThat(thumbnails.get("none").asInt()).isEqualTo(4);
        assertThat(thumbnails.get("small").asInt()).isEqualTo(2);
        assertThat(json.get("images").asInt()).isEqualTo(6);
        assertThat(json.get("problems").size()).isZero();
    }

    @Test
    void photosetWithImagesButNoFolderAndWrongCount() throws Exception {
        env.sql().execute("update photosets set image_count = 7 where folder = 'Alpha'");
        for (String f : new String[] {"a0.jpg", "a1.jpg", "a2.jpg", ".gallery-extract.json"}) {
            Files.deleteIfExists(env.images().resolve("Alpha").resolve(f));
        }
        Files.delete(env.images().resolve("Alpha"));

        assertThat(verify("--json")).isEqualTo(1);

        JsonNode counts = JsonMapper.builder().build().readTree(env.out).get("problem_counts");
        assertThat(counts.get("missing_folder").asInt()).isEqualTo(1);
        assertThat(counts.get("count_mismatch").asInt()).isEqualTo(1);
        assertThat(counts.get("missing_file").asInt()).isEqualTo(3);
    }
}
