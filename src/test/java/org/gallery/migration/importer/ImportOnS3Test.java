package org.gallery.migration.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gallery.migration.BucketView;
import org.gallery.migration.MigrationEnv;
import org.gallery.migration.verify.VerifyCommand;
import org.gallery.photoset.Photoset;
import org.gallery.testing.Db;
import org.gallery.testing.TestImages;
import org.gallery.testing.TestS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code migrate import} with STORAGE_BACKEND=s3: the photoset folders are read from the bucket's listing, each
 * original through the file store, and a rerun recognises unchanged folders from that listing alone.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class ImportOnS3Test {

    @Parameter
    Db db;

    MigrationEnv env;

    @BeforeEach
    void setUp() {
        env = MigrationEnv.create(db, TestS3.environment());
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    @Test
    void importsTheFoldersOfTheBucketAndARerunRecognisesThemFromItsListing() {
        env.storedImage("Summer Trip", "IMG_0001.jpg",
                TestImages.jpegWithExif(300, 200, 6, "2021:05:04 10:11:12", "Canon", "Canon EOS 5D"));
        env.storedImage("Summer Trip", "IMG_0002.png", TestImages.png(40, 30));
        env.storedImage("Summer Trip", "notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
        env.storedImage("Summer Trip", "extra/deeper.jpg", TestImages.jpeg(10, 10));
        env.storedImage("No Metadata", "a.jpg", TestImages.jpeg(20, 10));
        env.metadata("Summer Trip.json", "{\"url\": \"https://old.example/1\", \"date\": \"14/07/2024\","
                + " \"tags\": [\"Beach\", \"sun\"], \"actors\": [\"Ann\"]}");

        assertThat(env.runImport()).as(env.out + env.err).isZero();

        Photoset summer = env.photoset("Summer Trip");
        assertThat(summer.imageCount()).isEqualTo(2);
        assertThat(summer.date()).isEqualTo("2024-07-14");
        assertThat(summer.tags()).containsExactly("Beach", "sun");
        assertThat(summer.actors()).containsExactly("Ann");
        assertThat(env.photoset("No Metadata").imageCount()).isEqualTo(1);
        assertThat(String.valueOf(env.sql().fetchValue("select width from images where rel_path = 'Summer Trip/IMG_0001.jpg'")))
                .as("upright width").isEqualTo("200");
        assertThat(env.out).contains("Summer Trip/extra/ (a subfolder): left out")
                .contains("Summer Trip/notes.txt: not registered")
                .contains("photosets:  2 created, 0 updated, 0 unchanged, 0 failed");
        List<String> first = env.dump();

        assertThat(env.runImport()).as(env.out + env.err).isZero();

        assertThat(env.out).contains("photosets:  0 created, 0 updated, 2 unchanged, 0 failed");
        assertThat(env.dump()).isEqualTo(first);

        env.storedImage("No Metadata", "b.jpg", TestImages.jpeg(21, 10));
        assertThat(env.runImport()).as(env.out + env.err).isZero();

        assertThat(env.out).contains("photosets:  0 created, 1 updated, 1 unchanged, 0 failed")
                .contains("images:     1 registered, 3 already registered");
        assertThat(env.photoset("No Metadata").imageCount()).isEqualTo(2);
        assertThat(env.run(new VerifyCommand(() -> env.settings, env.opener(), false))).as(env.out).isEqualTo(1);
        assertThat(env.out).contains("unknown file: Summer Trip/extra/").contains("1 files the import left out on purpose");
    }

    @Test
    void theJsonSummaryNamesTheBucket() throws Exception {
        env.storedImage("Set", "a.jpg", TestImages.jpeg(12, 12));
        String bucket = new BucketView(env.settings).bucket();

        assertThat(env.runImport("--json")).as(env.out + env.err).isZero();

        assertThat(env.out.replace(" ", "")).contains("\"images_folder\":\"s3://" + bucket + "/gallery/images\"");
        assertThat(env.count("images")).isEqualTo(1);
        assertThat(BucketView.workFiles(env.settings)).isEmpty();
    }
}
