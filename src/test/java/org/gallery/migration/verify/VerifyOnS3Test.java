package org.gallery.migration.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gallery.GalleryApplication;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.migration.MigrationServices;
import org.gallery.storage.FileStore;
import org.gallery.testing.Db;
import org.gallery.testing.TestImages;
import org.gallery.testing.TestS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The same checks with the files in a bucket: each test changes the folders as before, the bucket is made their copy,
 * and verify runs with STORAGE_BACKEND=s3 on the same database. The files behave the same on every database, so one
 * is enough.
 */
class VerifyOnS3Test extends VerifyCommandTest {

    static Stream<Db> databases() {
        return Stream.of(Db.SQLITE);
    }

    Settings onS3;
    ConfigurableApplicationContext bucketContext;

    @AfterEach
    void closeBucketContext() {
        if (bucketContext != null) {
            bucketContext.close();
        }
    }

    @Override
    int verify(String... args) {
        mirrorIntoTheBucket();
        return verifyTheBucket(args);
    }

    int verifyTheBucket(String... args) {
        MigrationServices.Opener opener = (s, readOnly) -> MigrationServices.lent(s, bucketContext(), false);
        return env.run(new VerifyCommand(() -> onS3, opener, false), args);
    }

    @Test
    void reportsAnObjectGoneFromTheBucketAndOneNoImageKnows() throws Exception {
        assertThat(verify()).as(env.out + env.err).isZero();
        String bucket = onS3.storage().s3().bucket();
        assertThat(env.out).contains("images s3://" + bucket + "/gallery/images)");

        try (S3Client s3 = TestS3.client()) {
            s3.deleteObject(b -> b.bucket(bucket).key("gallery/images/Beta/b1.png"));
        }
        bucketContext().getBean(FileStore.class).put(FileStore.Area.IMAGES.key("Beta/stray.jpg"), TestImages.jpeg(10, 10));

        assertThat(verifyTheBucket()).as(env.out + env.err).isEqualTo(1);
        assertThat(env.out)
                .contains("image files: 6 checked, 5 fine")
                .contains("missing file: Beta/b1.png").contains("file not found")
                .contains("unknown file: Beta/stray.jpg - no image row knows this file")
                .contains("disk:        1 unknown files, 1 files the import left out on purpose")
                .contains("DISAGREE (2 problems)");
    }

    /** The bucket holds exactly what the folders hold, under the same paths. */
    private void mirrorIntoTheBucket() {
        FileStore folders = env.context().getBean(FileStore.class);
        FileStore bucket = bucketContext().getBean(FileStore.class);
        try {
            for (FileStore.Area area : List.of(FileStore.Area.IMAGES, FileStore.Area.THUMBNAILS)) {
                var wanted = new HashSet<>(folders.list(area, ""));
                for (String path : bucket.list(area, "")) {
                    if (!wanted.contains(path)) {
                        bucket.delete(area.key(path));
                    }
                }
                for (String path : wanted) {
                    bucket.put(area.key(path), folders.read(area.key(path)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ConfigurableApplicationContext bucketContext() {
        if (bucketContext == null) {
            Map<String, String> variables = new HashMap<>(env.env);
            variables.putAll(TestS3.environment());
            onS3 = SettingsLoader.load(variables, env.base);
            bucketContext = GalleryApplication.startWithoutWeb(onS3);
        }
        return bucketContext;
    }
}
