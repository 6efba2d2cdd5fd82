package org.gallery.migration.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.migration.BucketView;
import org.gallery.migration.MigrationEnv;
import org.gallery.storage.FileStore;
import org.gallery.testing.Db;
import org.gallery.testing.TestS3;
import org.gallery.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code migrate extract} with STORAGE_BACKEND=s3: entries are staged in the work folder and stored in the bucket
 * under the same paths as in the folders, the manifest with them; nothing stays behind locally. Extraction needs no
 * database, so one is enough.
 */
class ExtractOnS3Test {

    MigrationEnv env;
    BucketView bucket;

    @BeforeEach
    void setUp() {
        env = MigrationEnv.create(Db.SQLITE, TestS3.environment());
        bucket = new BucketView(env.settings);
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    int extract(Settings settings) {
        return env.run(new ExtractCommand(() -> settings, ExternalTools.none(), false));
    }

    void mixedArchive() {
        new ZipBuilder().add("a/IMG_1.jpg", TestImages.jpeg(1)).add("b/IMG_1.jpg", TestImages.jpeg(2))
                .add("copy.jpg", TestImages.jpeg(1)).add("notes.txt", TestImages.text("x"))
                .writeTo(env.archives().resolve("Trip.zip"));
    }

    @Test
    void storesTheImagesInTheBucketAndLeavesNothingLocal() {
        mixedArchive();

        assertThat(extract(env.settings)).as(env.out + env.err).isZero();

        assertThat(bucket.images()).containsExactly("Trip/.gallery-extract.json", "Trip/IMG_1.jpg", "Trip/IMG_1_2.jpg");
        assertThat(env.out).contains("-> s3://" + bucket.bucket() + "/gallery/images)")
                .contains("Trip.zip: done -> Trip/ (2 new images, 0 already present, skipped: duplicate 1, not_image 1)");
        assertThat(env.images()).doesNotExist();
        assertThat(BucketView.workFiles(env.settings)).isEmpty();
        List<String> stored = bucket.images();

        assertThat(extract(env.settings)).as(env.out + env.err).isZero();

        assertThat(env.out).contains("Trip.zip: unchanged since the last run");
        assertThat(bucket.images()).isEqualTo(stored);
    }

    @Test
    void anObjectGoneFromTheBucketIsStoredAgainUnderItsName() throws Exception {
        mixedArchive();
        assertThat(extract(env.settings)).isZero();
        byte[] before = env.files().read(FileStore.Area.IMAGES.key("Trip/IMG_1_2.jpg"));

        bucket.delete("Trip/IMG_1_2.jpg");
        assertThat(extract(env.settings)).as(env.out + env.err).isZero();

        assertThat(bucket.images()).containsExactly("Trip/.gallery-extract.json", "Trip/IMG_1.jpg", "Trip/IMG_1_2.jpg");
        assertThat(env.files().read(FileStore.Area.IMAGES.key("Trip/IMG_1_2.jpg"))).isEqualTo(before);
    }

    /**
     * Where a killed run stopped: one image stored but not yet in the manifest, and a staged entry in the work
     * folder. The rerun recognises the stored image by its bytes instead of storing a second copy, and the staged
     * entry is removed.
     */
    @Test
    void aRunKilledBetweenStoringAndRecordingResumesWithoutSecondCopies() throws Exception {
        mixedArchive();
        env.storedImage("Trip", "IMG_1.jpg", TestImages.jpeg(1));
        var staged = env.settings.storage().temp().resolve("extract").resolve(StagingOutputStream.TEMP_PREFIX + "x-1.part");
        MigrationEnv.write(staged, TestImages.jpeg(2));

        assertThat(extract(env.settings)).as(env.out + env.err).isZero();

        assertThat(env.out).contains("1 new images, 1 already present");
        assertThat(bucket.images()).containsExactly("Trip/.gallery-extract.json", "Trip/IMG_1.jpg", "Trip/IMG_1_2.jpg");
        assertThat(staged).doesNotExist();
        assertThat(BucketView.workFiles(env.settings)).isEmpty();
    }

    @Test
    void anUnreachableBucketIsOneLineNamingTheSetting() {
        mixedArchive();
        Map<String, String> variables = new HashMap<>(env.env);
        variables.put("S3_ENDPOINT", "http://127.0.0.1:" + TestServices.freePort());
        Settings unreachable = SettingsLoader.load(variables, env.base);

        assertThat(extract(unreachable)).isEqualTo(2);

        assertThat(env.err.strip()).startsWith("gallery migrate extract: S3_ENDPOINT=")
                .contains("cannot reach the storage").doesNotContain("\n");
        assertThat(Files.exists(env.settings.storage().temp().resolve("extract"))).isFalse();
    }
}
