package org.gallery.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.gallery.config.InvalidSettingException;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.testing.TestS3;
import org.gallery.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract against a real S3-protocol server, and what a store that cannot be used looks like. */
class S3FileStoreTest extends FileStoreContract {

    private FileStore store;
    private Settings storeSettings;

    private String bucket() {
        return storeSettings.storage().s3().bucket();
    }

    @Override
    FileStore newStore() throws Exception {
        storeSettings = settings(Map.of());
        store = FileStores.open(storeSettings.storage(), "s3", partBytes());
        return store;
    }

    @Override
    int unfinishedWrites(FileStore.Key key) {
        S3FileStore s3files = (S3FileStore) store;
        try (var client = TestS3.client()) {
            return (int) client.listMultipartUploads(b -> b.bucket(bucket()).prefix(s3files.objectKey(key)))
                    .uploads().size();
        }
    }

    @Test
    void aResumableWriteSendsItsPartsWhileWrittenAndAFailedOneIsAbortedThenStartsOver() throws Exception {
        S3FileStore s3files = (S3FileStore) store;
        var key = FileStore.Area.EXPORTS.key("streamed-" + System.nanoTime() + ".zip");
        byte[] data = bytes(partBytes() * 2 + 1000, 11);
        String state;
        try (ResumableWrite write = files.openResumableWrite(key, null)) {
            assertThat(write.rewritable()).isFalse();
            write.out().write(data, 0, partBytes() + 5);
            state = write.checkpoint();
            assertThat(state.lines().count()).as("one part sent, none held back").isEqualTo(3);
            try (var client = TestS3.client()) {
                var uploads = client.listMultipartUploads(b -> b.bucket(bucket())
                        .prefix(s3files.objectKey(key))).uploads();
                assertThat(uploads).hasSize(1);
                assertThat(client.listParts(b -> b.bucket(bucket()).key(s3files.objectKey(key))
                        .uploadId(uploads.getFirst().uploadId())).parts()).hasSize(1);
            }
        }
        try (ResumableWrite write = files.openResumableWrite(key, state)) {
            assertThat(write.resumedAt()).isEqualTo(partBytes());
            write.abandon();
        }
        assertThat(unfinishedWrites(key)).isZero();
        try (ResumableWrite write = files.openResumableWrite(key, state)) {
            assertThat(write.resumedAt()).as("the aborted upload is gone: everything again").isZero();
            write.out().write(data);
            write.complete();
        }
        assertThat(sha256(files.read(key))).isEqualTo(sha256(data));
        assertThat(unfinishedWrites(key)).isZero();
    }

    @AfterEach
    void close() throws Exception {
        ((AutoCloseable) store).close();
    }

    static Settings settings(Map<String, String> overrides) throws Exception {
        var root = Files.createTempDirectory("gallery-store-");
        Map<String, String> env = new HashMap<>(TestS3.environment());
        env.put("STORAGE_ROOT", root.toString());
        env.putAll(overrides);
        return SettingsLoader.load(env, root);
    }

    @Test
    void filesLiveInTheBucketUnderThePrefixInTheFoldersLayout() throws Exception {
        Settings settings = settings(Map.of());
        try (var s3files = (S3FileStore) FileStores.open(settings.storage(), "s3"); var client = TestS3.client()) {
            s3files.put(FileStore.Area.THUMBNAILS.key("abc/small.jpg"), bytes(10, 1));
            var keys = client.listObjectsV2(b -> b.bucket(settings.storage().s3().bucket())).contents().stream()
                    .map(o -> o.key()).filter(k -> !k.endsWith("/")).toList();
            assertThat(keys).containsExactly("gallery/thumbnails/abc/small.jpg");
        }
    }

    @Test
    void aMissingBucketStopsStartUpNamingIt() {
        assertThatThrownBy(() -> FileStores.open(settings(Map.of("S3_BUCKET", "no-such-bucket-here")).storage(), "s3"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("S3_BUCKET='no-such-bucket-here'").hasMessageContaining("no such bucket");
    }

    @Test
    void badCredentialsStopStartUpNamingThem() {
        assertThatThrownBy(() -> FileStores.open(settings(Map.of("S3_SECRET_ACCESS_KEY", "wrong")).storage(), "s3"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("S3_ACCESS_KEY_ID").hasMessageContaining("refused these credentials")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void anUnreachableEndpointStopsStartUpSayingSo() {
        String nobody = "http://127.0.0.1:" + TestServices.freePort();
        assertThatThrownBy(() -> FileStores.open(settings(Map.of("S3_ENDPOINT", nobody)).storage(), "s3"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("S3_ENDPOINT='" + nobody + "'").hasMessageContaining("cannot reach");
    }

    @Test
    void aStoreThatGoesAwayAnswersUnavailableAndShowsDown() throws Exception {
        String nobody = "http://127.0.0.1:" + TestServices.freePort();
        var paths = settings(Map.of("S3_ENDPOINT", nobody)).storage();
        try (var gone = new S3FileStore(paths, S3Connection.client(paths.s3()), S3Connection.presigner(paths.s3()),
                FileStores.RESUMABLE_PART_BYTES)) {
            assertThatThrownBy(() -> gone.stat(FileStore.Area.IMAGES.key("a/b.jpg")))
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("file storage is unavailable");
            assertThat(gone.health().up()).isFalse();
        }
    }

    @Test
    void presignedDownloadsAreShortLivedUrlsOfTheObjectNamedAsAsked() throws Exception {
        var settings = settings(Map.of("S3_PRESIGNED_DOWNLOADS", "true"));
        try (var s3files = (S3FileStore) FileStores.open(settings.storage(), "s3")) {
            var key = FileStore.Area.IMAGES.key("set/photo.jpg");
            s3files.put(key, bytes(2000, 3));
            var url = s3files.downloadUrl(key, "photo.jpg", "image/jpeg", java.time.Duration.ofMinutes(5)).orElseThrow();
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(url).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(bytes(2000, 3));
            assertThat(response.headers().firstValue("Content-Type")).contains("image/jpeg");
        }
        assertThat(store.downloadUrl(FileStore.Area.IMAGES.key("set/photo.jpg"), "photo.jpg", "image/jpeg",
                java.time.Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void thumbnailsReadOnceAreKeptOnTheLocalDiskWithinTheBoundAndDroppedWithTheirObject() throws Exception {
        Settings settings = settings(Map.of("STORAGE_CACHE_MB", "1"));
        try (var s3files = (S3FileStore) FileStores.open(settings.storage(), "s3")) {
            var first = FileStore.Area.THUMBNAILS.key("cached/1.jpg");
            var second = FileStore.Area.THUMBNAILS.key("cached/2.jpg");
            var third = FileStore.Area.THUMBNAILS.key("cached/3.jpg");
            for (var key : List.of(first, second, third)) {
                s3files.put(key, bytes(400_000, key.path().hashCode()));
                assertThat(s3files.localIfPresent(key)).isEmpty();
                assertThat(s3files.read(key)).isEqualTo(bytes(400_000, key.path().hashCode()));
            }
            Path copy = s3files.localIfPresent(third).orElseThrow();
            assertThat(Files.readAllBytes(copy)).isEqualTo(bytes(400_000, third.path().hashCode()));
            assertThat(copy).startsWith(settings.storage().cacheDir());
            long cachedBytes;
            try (var files = Files.list(settings.storage().cacheDir())) {
                cachedBytes = files.mapToLong(f -> f.toFile().length()).sum();
            }
            assertThat(cachedBytes).isLessThanOrEqualTo(1024 * 1024);
            // the copy answers as the bucket does, so an ETag made from either is the same
            var fromCopy = s3files.stat(third).orElseThrow();
            assertThat(fromCopy.size()).isEqualTo(400_000);

            s3files.deleteAll(FileStore.Area.THUMBNAILS, "cached");
            assertThat(s3files.localIfPresent(third)).isEmpty();
            assertThat(copy).doesNotExist();
            assertThat(s3files.stat(third)).isEmpty();
        }
    }
}
