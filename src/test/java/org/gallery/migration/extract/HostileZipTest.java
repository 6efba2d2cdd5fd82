package org.gallery.migration.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.gallery.config.Settings.ArchiveLimits;
import org.junit.jupiter.api.Test;

class HostileZipTest extends ExtractionTestSupport {

    /** "BM" is all {@link org.gallery.imaging.ImageFormat#sniff} needs to call it a bitmap: a bomb that passes sniffing. */
    private static final byte[] BITMAP_HEAD = {'B', 'M'};

    @Test
    void refusesEveryPathTraversalVariantAndWritesNothingOutside() {
        new ZipBuilder()
                .add("../evil1.jpg", TestImages.jpeg(1))
                .add("../../etc/evil2.jpg", TestImages.jpeg(2))
                .add("/tmp/evil3.jpg", TestImages.jpeg(3))
                .add("..\\evil4.jpg", TestImages.jpeg(4))
                .add("C:\\Windows\\evil5.jpg", TestImages.jpeg(5))
                .add("c:/evil6.jpg", TestImages.jpeg(6))
                .add("ok/../../evil7.jpg", TestImages.jpeg(7))
                .add("\\\\server\\share\\evil8.jpg", TestImages.jpeg(8))
                .add("good/fine.jpg", TestImages.jpeg(9))
                .writeTo(archive("Slip.zip"));

        ArchiveResult slip = result(extract(), "Slip.zip");

        assertThat(filesIn("Slip")).containsExactly("fine.jpg");
        assertThat(slip.skipped()).isEqualTo(Map.of("unsafe_path", 8));
        assertThat(slip.status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
        assertThat(slip.warnings()).hasSize(8)
                .anySatisfy(w -> assertThat(w).contains("../evil1.jpg").contains("traversal"))
                .anySatisfy(w -> assertThat(w).contains("/tmp/evil3.jpg").contains("absolute path"))
                .anySatisfy(w -> assertThat(w).contains("evil5.jpg").contains("drive-letter"));
        assertNothingOutside("Slip");
        assertThat(everything()).noneMatch(p -> p.contains("evil"));
        assertThat(root.getParent().resolve("evil1.jpg")).doesNotExist();
    }

    @Test
    void skipsSymlinkEntriesWithoutFollowingOrCreatingThem() throws IOException {
        Path outside = Files.writeString(root.resolve("outside-secret.txt"), "secret");
        new ZipBuilder()
                .symlink("link.jpg", outside.toString())
                .symlink("escape", "../../..")
                .add("escape/through-link.jpg", TestImages.jpeg(10))   // would land outside if the link were made
                .add("real.jpg", TestImages.jpeg(11))
                .writeTo(archive("Links.zip"));

        ArchiveResult links = result(extract(), "Links.zip");

        assertThat(filesIn("Links")).containsExactly("real.jpg", "through-link.jpg");
        assertThat(links.skipped()).isEqualTo(Map.of("link", 2));
        assertThat(links.warnings()).allSatisfy(w -> assertThat(w).contains("link entries are never followed"));
        assertThat(Files.readString(outside)).isEqualTo("secret");
        assertNoTempFilesOrLinks();
    }

    @Test
    void neverWritesThroughAPhotosetFolderThatIsASymbolicLink() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createDirectories(images());
        Files.createSymbolicLink(images().resolve("Linked"), elsewhere);
        new ZipBuilder().add("a.jpg", TestImages.jpeg(12)).writeTo(archive("Linked.zip"));

        ArchiveResult linked = result(extract(), "Linked.zip");

        assertThat(linked.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertThat(linked.failure()).contains("symbolic link");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void skipsEncryptedEntriesWithAWarningAndNeverAsksForAPassword() {
        new ZipBuilder()
                .add("open.jpg", TestImages.jpeg(20))
                .encrypted("locked.jpg", TestImages.jpeg(21))
                .writeTo(archive("Locked.zip"));

        ArchiveResult locked = result(extract(), "Locked.zip");

        assertThat(filesIn("Locked")).containsExactly("open.jpg");
        assertThat(locked.skipped()).isEqualTo(Map.of("encrypted", 1));
        assertThat(locked.warnings()).singleElement().asString().contains("locked.jpg").contains("encrypted");
        assertThat(locked.status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
    }

    @Test
    void truncatedArchiveKeepsWhatVerifiesAndLeavesNoPartialFile() throws IOException {
        byte[] first = TestImages.jpeg(30);
        byte[] second = TestImages.png(31);
        byte[] third = randomBitmap(200_000, 32);
        Path zip = new ZipBuilder()
                .addStored("a.jpg", first)
                .addStored("b.png", second)
                .addStored("c.bmp", third)
                .add("d.png", TestImages.png(33))
                .writeTo(archive("Cut.zip"));
        byte[] whole = Files.readAllBytes(zip);
        int cut = indexOf(whole, Arrays.copyOfRange(third, 100_000, 100_064));   // the middle of c.bmp's data
        Files.write(zip, Arrays.copyOf(whole, cut));
        new ZipBuilder().add("fine.jpg", TestImages.jpeg(34)).writeTo(archive("Fine.zip"));

        ExtractionSummary summary = extract();

        ArchiveResult cutResult = result(summary, "Cut.zip");
        assertThat(cutResult.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertThat(cutResult.failure()).contains("truncated").contains("2 entries were readable");
        assertThat(cutResult.warnings()).singleElement().asString().contains("c.bmp").contains("damaged");
        assertThat(filesIn("Cut")).containsExactly("a.jpg", "b.png");
        assertThat(read("Cut", "a.jpg")).isEqualTo(first);
        assertThat(filesIn("Fine")).containsExactly("fine.jpg");
        assertThat(summary.allHandled()).isFalse();
        assertThat(summary.failed()).singleElement().extracting(ExtractionSummary.Failure::archive).isEqualTo("Cut.zip");
        assertNoTempFilesOrLinks();
    }

    @Test
    void corruptedEntryFailsItsChecksumAndIsNotKept() throws IOException {
        byte[] victim = randomBitmap(50_000, 40);
        Path zip = new ZipBuilder()
                .addStored("good.jpg", TestImages.jpeg(41))
                .addStored("victim.bmp", victim)
                .addStored("after.png", TestImages.png(42))
                .writeTo(archive("Flipped.zip"));
        byte[] bytes = Files.readAllBytes(zip);
        int at = indexOf(bytes, Arrays.copyOfRange(victim, 25_000, 25_032));
        bytes[at] ^= 0x55;
        Files.write(zip, bytes);

        ArchiveResult flipped = result(extract(), "Flipped.zip");

        assertThat(filesIn("Flipped")).containsExactly("after.png", "good.jpg");
        assertThat(flipped.entriesFailed()).isEqualTo(1);
        assertThat(flipped.warnings()).singleElement().asString().contains("victim.bmp").contains("CRC mismatch");
        assertThat(flipped.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertNoTempFilesOrLinks();
    }

    @Test
    void garbageNamedZipFailsCleanlyAndTheRestContinues() throws IOException {
        Files.createDirectories(archives());
        Files.writeString(archive("Garbage.zip"), "this is not an archive at all");
        new ZipBuilder().add("ok.png", TestImages.png(50)).writeTo(archive("Ok.zip"));

        ExtractionSummary summary = extract();

        assertThat(result(summary, "Garbage.zip").failure()).contains("not a ZIP archive");
        assertThat(result(summary, "Ok.zip").status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
        assertThat(filesIn("Garbage")).isEmpty();
        assertThat(summary.archivesFailed()).isEqualTo(1);
    }

    @Test
    void compressionRatioBombIsStoppedEarly() {
        new ZipBuilder()
                .add("before.jpg", TestImages.jpeg(60))
                .addHighlyCompressible("bomb.bmp", BITMAP_HEAD, 200 * MIB)
                .add("after.png", TestImages.png(61))
                .writeTo(archive("Bomb.zip"));

        ArchiveResult bomb = result(extract(), "Bomb.zip");

        assertThat(bomb.skipped()).isEqualTo(Map.of("too_large", 1));
        assertThat(bomb.warnings()).singleElement().asString().contains("bomb.bmp").contains("ARCHIVE_MAX_RATIO");
        assertThat(bomb.bytesDecompressed()).isLessThan(ByteBudget.RATIO_GRACE_BYTES + 256 * 1024);
        assertThat(filesIn("Bomb")).containsExactly("after.png", "before.jpg");
        assertThat(bomb.status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
        assertNoTempFilesOrLinks();
    }

    @Test
    void entrySizeLimitIsCountedWhileDecompressingNotTakenFromTheHeader() {
        new ZipBuilder()
                .addHighlyCompressible("huge.bmp", BITMAP_HEAD, 100 * MIB)
                .add("small.png", TestImages.png(70))
                .writeTo(archive("Huge.zip"));
        var limits = new ArchiveLimits(2 * MIB, 1024 * MIB, 1_000_000, 1000);

        ArchiveResult huge = result(extract(limits), "Huge.zip");

        assertThat(huge.skipped()).isEqualTo(Map.of("too_large", 1));
        assertThat(huge.warnings()).singleElement().asString().contains("ARCHIVE_MAX_ENTRY_MB");
        assertThat(huge.bytesDecompressed()).isLessThan(2 * MIB + 256 * 1024);
        assertThat(filesIn("Huge")).containsExactly("small.png");
    }

    @Test
    void totalSizeLimitStopsTheArchive() {
        var zip = new ZipBuilder();
        for (int i = 0; i < 5; i++) {
            zip.add("part" + i + ".bmp", randomBitmap((int) MIB, 80 + i));
        }
        zip.writeTo(archive("Total.zip"));
        var limits = new ArchiveLimits(10 * MIB, (long) (2.5 * MIB), 100, 1000);

        ArchiveResult total = result(extract(limits), "Total.zip");

        assertThat(total.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertThat(total.failure()).contains("ARCHIVE_MAX_TOTAL_MB");
        assertThat(filesIn("Total")).containsExactly("part0.bmp", "part1.bmp");
        assertThat(total.bytesDecompressed()).isLessThan((long) (2.5 * MIB) + 256 * 1024);
        assertNoTempFilesOrLinks();
    }

    @Test
    void entryCountLimitRefusesTheArchiveBeforeExtractingAnything() {
        var zip = new ZipBuilder();
        for (int i = 0; i < 50; i++) {
            zip.add("p" + i + ".png", TestImages.png(100 + i));
        }
        zip.writeTo(archive("Crowd.zip"));
        var limits = new ArchiveLimits(10 * MIB, 100 * MIB, 100, 20);

        ArchiveResult crowd = result(extract(limits), "Crowd.zip");

        assertThat(crowd.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertThat(crowd.failure()).contains("ARCHIVE_MAX_ENTRIES (20)");
        assertThat(filesIn("Crowd")).isEmpty();
    }

    /** A "BM" header and incompressible bytes: an image by its signature, any size wanted. */
    static byte[] randomBitmap(int size, long seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        bytes[0] = 'B';
        bytes[1] = 'M';
        return bytes;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("needle not found");
    }
}
