package org.gallery.migration.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.thumbnails.ThumbnailsCommand;
import org.gallery.storage.FileStore;
import org.gallery.storage.FileStores;
import org.gallery.testing.CommandRun;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.TestS3;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gallery migrate storage}: a local gallery moved into a bucket works there as it did, and back again. */
class StorageMoveTest {

    @Test
    void aLocalGalleryMovesIntoABucketResumablyVerifiedAndServesFromThere() throws Exception {
        Map<String, String> env = new HashMap<>(TestS3.environment());
        env.put("STORAGE_BACKEND", "local");
        UUID first;
        byte[] firstBytes = TestImages.jpeg(640, 480);
        Path root;
        try (TestApp local = TestApp.startWith(Db.SQLITE, Map.of())) {
            root = local.settings.storage().root();
            var make = new Factories(local.api);
            UUID set = make.photoset();
            first = make.image(set, "first.jpg", firstBytes, List.of());
            make.image(set, "second.png", TestImages.png(300, 200), List.of());
            make.image(null, "loose.jpg", TestImages.jpeg(200, 100), List.of());
        }
        env.put("STORAGE_ROOT", root.toString());
        Settings settings = SettingsLoader.load(env, root);
        FileStore local = FileStores.open(settings.storage(), "local");
        FileStore bucket = FileStores.open(settings.storage(), "s3");
        try {
            long stored = count(local);
            assertThat(stored).isEqualTo(3 + 3 * 3);

            var dry = run(settings, "--to", "s3", "--dry-run");
            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains(stored + " files, " + stored + " to copy");
            assertThat(count(bucket)).isZero();

            var moved = run(settings, "--to", "s3");
            assertThat(moved.exit()).as(moved.toString()).isZero();
            assertThat(moved.out()).contains(stored + " copied").contains("0 already there, 0 failed");
            for (FileStore.Area area : FileStore.Area.values()) {
                assertThat(bucket.list(area, "")).isEqualTo(local.list(area, ""));
            }

            // a run that stopped half-way, and an object that went wrong: only those are copied again
            String someThumbnail = bucket.list(FileStore.Area.THUMBNAILS, "").getFirst();
            bucket.delete(FileStore.Area.THUMBNAILS.key(someThumbnail));
            var original = FileStore.Area.IMAGES.key(bucket.list(FileStore.Area.IMAGES, "").getFirst());
            byte[] bytes = bucket.read(original);
            bytes[bytes.length / 2] ^= 1;
            bucket.put(original, bytes);
            var again = run(settings, "--to", "s3");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("2 copied").contains((stored - 2) + " already there");
            assertThat(bucket.read(original)).isEqualTo(local.read(original));

            // back to local folders that lost a thumbnail
            local.delete(FileStore.Area.THUMBNAILS.key(someThumbnail));
            var back = run(settings, "--to", "local");
            assertThat(back.exit()).as(back.toString()).isZero();
            assertThat(back.out()).contains("1 copied");
            assertThat(local.exists(FileStore.Area.THUMBNAILS.key(someThumbnail))).isTrue();
        } finally {
            FileStores.close(local);
            FileStores.close(bucket);
        }

        Map<String, String> onS3 = new HashMap<>(env);
        onS3.put("STORAGE_BACKEND", "s3");
        Settings s3Settings = SettingsLoader.load(onS3, root);
        // the thumbnails step makes what the bucket lacks through the service's own store
        FileStore bucketAgain = FileStores.open(s3Settings.storage(), "s3");
        try {
            bucketAgain.deleteAll(FileStore.Area.THUMBNAILS, first.toString());
            var made = CommandRun.of(new CommandLine(new ThumbnailsCommand(() -> s3Settings,
                    MigrationServices.Opener.DEFAULT)));
            assertThat(made.exit()).as(made.toString()).isZero();
            assertThat(made.out()).contains("3 images, 1 made, 2 already had them, 0 failed");
            assertThat(bucketAgain.list(FileStore.Area.THUMBNAILS, first.toString())).hasSize(3);
        } finally {
            FileStores.close(bucketAgain);
        }

        try (TestApp app = TestApp.startWith(Db.SQLITE, onS3)) {
            var served = app.api.get("/api/v2/images/" + first);
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(firstBytes);
            assertThat(app.api.get("/api/v2/images/" + first + "/thumbnail/small").status()).isEqualTo(200);
        }
    }

    private static long count(FileStore files) throws Exception {
        long n = 0;
        for (FileStore.Area area : FileStore.Area.values()) {
            n += files.list(area, "").size();
        }
        return n;
    }

    private static CommandRun run(Settings settings, String... args) {
        return CommandRun.of(new CommandLine(new StorageCommand(() -> settings, false)), args);
    }
}
