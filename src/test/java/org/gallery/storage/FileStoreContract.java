package org.gallery.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.gallery.storage.FileStore.Area;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FileStore} promises; each implementation runs it with a subclass that makes a fresh store. */
abstract class FileStoreContract {

    FileStore files;
    String folder;

    abstract FileStore newStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        files = newStore();
        folder = "set-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aFileIsWrittenWholeReadBackAndReplaced() throws Exception {
        var key = Area.THUMBNAILS.key(folder + "/small.jpg");
        assertThat(files.stat(key)).isEmpty();
        files.put(key, bytes(1000, 1));
        assertThat(files.read(key)).isEqualTo(bytes(1000, 1));
        assertThat(files.stat(key).orElseThrow().size()).isEqualTo(1000);
        assertThat(files.stat(key).orElseThrow().lastModifiedMillis()).isPositive();

        files.put(key, bytes(10, 2));
        assertThat(files.read(key)).isEqualTo(bytes(10, 2));
        assertThat(files.exists(key)).isTrue();
    }

    @Test
    void aTempFileIsMovedIntoTheStoreAndConsumed() throws Exception {
        Path temp = files.newTempFile();
        Files.write(temp, bytes(5000, 3));
        var key = Area.CROPS.key(folder + "/1_2_3x4.jpg");
        files.put(key, temp);
        assertThat(temp).doesNotExist();
        assertThat(files.read(key)).isEqualTo(bytes(5000, 3));
    }

    @Test
    void aLargeFileGoesInWhole() throws Exception {
        // larger than one part of a multipart upload
        byte[] big = bytes((int) S3Writes.PART_BYTES + 1_234_567, 4);
        Path temp = files.newTempFile();
        Files.write(temp, big);
        String stored = files.store(temp, folder, "big.tif");
        try (InputStream in = files.open(Area.IMAGES.key(stored))) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(big));
        }
        assertThat(files.stat(Area.IMAGES.key(stored)).orElseThrow().size()).isEqualTo(big.length);
    }

    @Test
    void storingUnderATakenNameKeepsBothFiles() throws Exception {
        assertThat(files.store(temp(bytes(100, 5)), folder, "cat.jpg")).isEqualTo(folder + "/cat.jpg");
        assertThat(files.store(temp(bytes(200, 6)), folder, "cat.jpg")).isEqualTo(folder + "/cat_2.jpg");
        assertThat(files.store(temp(bytes(300, 7)), folder, "cat.jpg")).isEqualTo(folder + "/cat_3.jpg");
        assertThat(files.read(Area.IMAGES.key(folder + "/cat.jpg"))).isEqualTo(bytes(100, 5));
        assertThat(files.read(Area.IMAGES.key(folder + "/cat_2.jpg"))).isEqualTo(bytes(200, 6));
    }

    @Test
    void aRangeIsReadAloneAndAResourceSkipsToIt() throws Exception {
        var key = Area.IMAGES.key(folder + "/range.bin");
        byte[] all = bytes(10_000, 8);
        files.put(key, all);
        try (InputStream in = files.open(key, 1000, 500)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(all, 1000, 1500));
        }
        try (InputStream in = files.open(key, 9990, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(all, 9990, 10_000));
        }
        var resource = new StoredFileResource(files, key, all.length, "range.bin");
        assertThat(resource.contentLength()).isEqualTo(10_000);
        try (InputStream in = resource.getInputStream()) {
            assertThat(in.skip(4000)).isEqualTo(4000);
            assertThat(in.readNBytes(3)).isEqualTo(java.util.Arrays.copyOfRange(all, 4000, 4003));
        }
    }

    @Test
    void aMissingFileIsReportedAsMissing() {
        var key = Area.IMAGES.key(folder + "/nothing.jpg");
        assertThat(files.stat(key)).isEmpty();
        assertThat(files.exists(key)).isFalse();
        assertThat(files.localIfPresent(key)).isEmpty();
        assertThatThrownBy(() -> files.open(key).close()).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> files.local(key).close()).isInstanceOf(NoSuchFileException.class);
        files.delete(key);
        files.deleteAll(Area.THUMBNAILS, folder);
    }

    @Test
    void aLocalFileHoldsTheBytesAndTheStoredFileOutlivesIt() throws Exception {
        var key = Area.IMAGES.key(folder + "/decode-me.png");
        files.put(key, bytes(3000, 9));
        try (FileStore.LocalFile local = files.local(key)) {
            assertThat(Files.readAllBytes(local.path())).isEqualTo(bytes(3000, 9));
        }
        assertThat(files.read(key)).isEqualTo(bytes(3000, 9));
    }

    @Test
    void childrenAreTheFilesAndSubFoldersDirectlyInAFolder() throws Exception {
        files.put(Area.IMAGES.key(folder + "/b.jpg"), bytes(1, 1));
        files.put(Area.IMAGES.key(folder + "/a.jpg"), bytes(1, 1));
        files.put(Area.IMAGES.key(folder + "/sub/deeper/c.jpg"), bytes(1, 1));
        files.put(Area.IMAGES.key(folder + "x/d.jpg"), bytes(1, 1));

        assertThat(files.children(Area.IMAGES, folder)).containsExactly("a.jpg", "b.jpg", "sub/");
        assertThat(files.children(Area.IMAGES, folder + "/sub")).containsExactly("deeper/");
        assertThat(files.children(Area.IMAGES, "")).contains(folder + "/", folder + "x/").doesNotContain("a.jpg");
        assertThat(files.children(Area.THUMBNAILS, folder)).isEmpty();
        files.deleteAll(Area.IMAGES, folder);
        files.deleteAll(Area.IMAGES, folder + "x");
    }

    @Test
    void filesAreTheFilesDirectlyInAFolderWithTheirSizesFromOneListing() throws Exception {
        files.put(Area.IMAGES.key(folder + "/b.jpg"), bytes(20, 1));
        files.put(Area.IMAGES.key(folder + "/a.jpg"), bytes(10, 1));
        files.put(Area.IMAGES.key(folder + "/.bookkeeping.json"), bytes(5, 1));
        files.put(Area.IMAGES.key(folder + "/sub/c.jpg"), bytes(1, 1));

        var found = files.files(Area.IMAGES, folder);

        assertThat(found).containsOnlyKeys("a.jpg", "b.jpg");
        assertThat(found.firstKey()).isEqualTo("a.jpg");
        assertThat(found.get("b.jpg").size()).isEqualTo(20);
        assertThat(found.get("a.jpg").lastModifiedMillis()).isPositive();
        assertThat(files.files(Area.IMAGES, folder + "-none")).isEmpty();
        assertThat(files.location(Area.IMAGES)).isNotBlank();
        files.deleteAll(Area.IMAGES, folder);
    }

    @Test
    void listingShowsOneAreaAndFolderSortedAndDeletingAFolderTakesAllOfItAndNothingElse() throws Exception {
        String other = folder + "x";
        files.put(Area.THUMBNAILS.key(folder + "/small.jpg"), bytes(1, 1));
        files.put(Area.THUMBNAILS.key(folder + "/large.jpg"), bytes(1, 1));
        files.put(Area.THUMBNAILS.key(folder + "/damaged"), new byte[0]);
        files.put(Area.THUMBNAILS.key(other + "/small.jpg"), bytes(1, 1));
        files.put(Area.CROPS.key(folder + "/a.jpg"), bytes(1, 1));

        assertThat(files.list(Area.THUMBNAILS, folder))
                .containsExactly(folder + "/damaged", folder + "/large.jpg", folder + "/small.jpg");
        assertThat(files.list(Area.THUMBNAILS, "")).contains(folder + "/small.jpg", other + "/small.jpg")
                .doesNotContain(folder + "/a.jpg");

        files.deleteAll(Area.THUMBNAILS, folder);
        assertThat(files.list(Area.THUMBNAILS, folder)).isEmpty();
        assertThat(files.exists(Area.THUMBNAILS.key(other + "/small.jpg"))).isTrue();
        assertThat(files.exists(Area.CROPS.key(folder + "/a.jpg"))).isTrue();

        files.delete(Area.CROPS.key(folder + "/a.jpg"));
        assertThat(files.exists(Area.CROPS.key(folder + "/a.jpg"))).isFalse();
        files.deleteFolderIfEmpty(folder);
    }

    @Test
    void pathsThatLeaveTheirAreaAreRefused() {
        for (String bad : new String[] {"../x.jpg", "a/../../x.jpg", "/etc/passwd", "a\\b", "", "./a"}) {
            assertThatThrownBy(() -> Area.IMAGES.key(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The part size of resumable writes to a bucket in these tests: the smallest S3 itself accepts. */
    static int partBytes() {
        return 5 * 1024 * 1024;
    }

    @Test
    void aResumableWriteGoesOnFromItsCheckpointInANewWriterAndAppearsOnlyWhenComplete() throws Exception {
        var key = Area.EXPORTS.key(folder + ".zip");
        byte[] data = bytes(partBytes() * 5 / 2, 7);
        int checkpointed = partBytes() + 300_000;
        String state;
        try (ResumableWrite first = files.openResumableWrite(key, null)) {
            assertThat(first.resumedAt()).isZero();
            first.out().write(data, 0, 1000);
            first.out().write(data, 1000, checkpointed - 1000);
            state = first.checkpoint();
            // written after the last checkpoint, then the writer dies: these bytes may be lost
            first.out().write(data, checkpointed, 100_000);
            first.out().flush();
        }
        assertThat(files.exists(key)).isFalse();
        assertThat(files.list(Area.EXPORTS, "")).doesNotContain(key.path());

        try (ResumableWrite second = files.openResumableWrite(key, state)) {
            long at = second.resumedAt();
            assertThat(at).isBetween(0L, (long) checkpointed);
            second.out().write(data, (int) at, data.length - (int) at);
            assertThat(files.exists(key)).isFalse();
            assertThat(second.complete()).isEqualTo(data.length);
        }
        assertThat(sha256(files.read(key))).isEqualTo(sha256(data));
        assertThat(files.list(Area.EXPORTS, "")).contains(key.path());
    }

    @Test
    void anAbortedResumableWriteLeavesNothingBehindAndTheFinishedFileStays() throws Exception {
        var key = Area.EXPORTS.key(folder + ".zip");
        try (ResumableWrite write = files.openResumableWrite(key, null)) {
            write.out().write(bytes(partBytes() + 10, 8));
            write.checkpoint();
        }
        files.abortResumableWrites(key);
        assertThat(files.exists(key)).isFalse();
        assertThat(files.list(Area.EXPORTS, "")).doesNotContain(key.path());
        assertThat(unfinishedWrites(key)).isZero();

        try (ResumableWrite write = files.openResumableWrite(key, null)) {
            write.out().write(bytes(3000, 9));
            write.complete();
        }
        files.abortResumableWrites(key);
        assertThat(files.read(key)).isEqualTo(bytes(3000, 9));
        assertThat(unfinishedWrites(key)).isZero();
    }

    /** How many unfinished resumable writes of this file the store holds. */
    abstract int unfinishedWrites(FileStore.Key key) throws Exception;

    @Test
    void aWorkingStoreIsHealthy() {
        var health = files.health();
        assertThat(health.up()).isTrue();
        assertThat(health.writable()).isTrue();
    }

    Path temp(byte[] content) throws Exception {
        Path temp = files.newTempFile();
        Files.write(temp, content);
        return temp;
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
