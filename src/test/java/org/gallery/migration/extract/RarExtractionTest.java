package org.gallery.migration.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RAR handling, on archives made by {@link RarWriter} (stored entries only: making compressed RAR data needs the
 * non-free {@code rar} program). Tests of the {@code bsdtar} fallback run only where bsdtar is installed.
 */
class RarExtractionTest extends ExtractionTestSupport {

    @Test
    void extractsImagesFromRar4AndAppliesTheSameRules() {
        byte[] photo = TestImages.jpeg(1);
        RarWriter.rar4()
                .directory("trip")
                .add("trip\\photo.jpg", photo)                     // Windows separators, as WinRAR writes them
                .add("trip/other/photo.jpg", TestImages.jpeg(2))
                .add("trip/copy.jpg", photo)
                .add("trip/scan.dat", TestImages.png(3))
                .add("trip/Thumbs.db", TestImages.text("thumbs"))
                .add("trip/notes.txt", TestImages.text("notes"))
                .add("..\\..\\evil.jpg", TestImages.jpeg(4))
                .symlink("trip/link.jpg", "/etc/passwd")
                .encrypted("trip/locked.jpg", TestImages.jpeg(5))
                .writeTo(archive("Trip.rar"));

        ArchiveResult trip = result(extract(), "Trip.rar");

        assertThat(trip.failure()).isNull();
        assertThat(filesIn("Trip")).containsExactly("photo.jpg", "photo_2.jpg", "scan.png");
        assertThat(read("Trip", "photo.jpg")).isEqualTo(photo);
        assertThat(trip.skipped()).isEqualTo(Map.of("duplicate", 1, "junk", 1, "not_image", 1, "unsafe_path", 1,
                "link", 1, "encrypted", 1));
        assertNothingOutside("Trip");
        assertNoTempFilesOrLinks();
    }

    @Test
    void damagedRarEntryFailsItsChecksumAndIsNotKept() throws IOException {
        byte[] victim = HostileZipTest.randomBitmap(40_000, 10);
        Path rar = RarWriter.rar4()
                .add("good.jpg", TestImages.jpeg(11))
                .add("victim.bmp", victim)
                .add("after.png", TestImages.png(12))
                .writeTo(archive("Flipped.rar"));
        byte[] bytes = Files.readAllBytes(rar);
        bytes[HostileZipTest.indexOf(bytes, Arrays.copyOfRange(victim, 20_000, 20_032))] ^= 0x55;
        Files.write(rar, bytes);

        ArchiveResult flipped = result(extract(), "Flipped.rar");

        assertThat(filesIn("Flipped")).containsExactly("after.png", "good.jpg");
        assertThat(flipped.entriesFailed()).isEqualTo(1);
        assertThat(flipped.warnings()).singleElement().asString().contains("victim.bmp").contains("checksum");
        assertThat(flipped.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertNoTempFilesOrLinks();
    }

    @Test
    void truncatedRarKeepsWhatVerifiesAndLeavesNoPartialFile() throws IOException {
        byte[] third = HostileZipTest.randomBitmap(100_000, 20);
        Path rar = RarWriter.rar4()
                .add("a.jpg", TestImages.jpeg(21))
                .add("b.png", TestImages.png(22))
                .add("c.bmp", third)
                .writeTo(archive("Cut.rar"));
        byte[] whole = Files.readAllBytes(rar);
        Files.write(rar, Arrays.copyOf(whole, HostileZipTest.indexOf(whole, Arrays.copyOfRange(third, 50_000, 50_032))));

        ArchiveResult cut = result(extract(), "Cut.rar");

        assertThat(cut.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertThat(filesIn("Cut")).containsExactly("a.jpg", "b.png");
        assertNoTempFilesOrLinks();
    }

    @Test
    void garbageNamedRarFailsCleanly() throws IOException {
        Files.createDirectories(archives());
        Files.writeString(archive("Garbage.rar"), "definitely not a rar");
        Files.write(archive("Header-only.rar"), Arrays.copyOf(RarWriter.rar4().bytes(), 9));

        ExtractionSummary summary = extract();

        assertThat(result(summary, "Garbage.rar").failure()).contains("not a readable RAR archive");
        assertThat(result(summary, "Header-only.rar").status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertThat(summary.archivesFailed()).isEqualTo(2);
        assertThat(filesIn("Garbage")).isEmpty();
    }

    /**
     * A real, compressed RAR4 made by WinRAR (shipped by Debian's afl++-doc, which CI installs): its one entry, a
     * text file, has to be decompressed to be recognised as "not an image".
     */
    @Test
    void readsACompressedRar4MadeByWinRar() throws IOException {
        Path real = Path.of("/usr/share/doc/afl++-doc/afl/testcases/archives/common/rar/small_archive.rar");
        if (System.getenv("CI") != null) {
            assertThat(real).as("Debian package afl++-doc is installed").exists();
        }
        org.assertj.core.api.Assumptions.assumeThat(real).as("Debian package afl++-doc is installed").exists();
        Files.createDirectories(archives());
        Files.copy(real, archive("Limerick.rar"));

        ArchiveResult limerick = result(extract(), "Limerick.rar");

        assertThat(limerick.status()).isNotEqualTo(ArchiveResult.Status.FAILED);
        assertThat(limerick.skipped()).isEqualTo(Map.of("not_image", 1));
    }

    @Test
    void readsRar5WithTheBuiltInReader() {
        byte[] photo = TestImages.jpeg(30);
        RarWriter.rar5()
                .add("set/photo.jpg", photo)
                .add("set/readme.txt", TestImages.text("hi"))
                .add("set/other.png", TestImages.png(31))
                .writeTo(archive("Five.rar"));

        ArchiveResult five = result(extract(), "Five.rar");

        assertThat(five.failure()).isNull();
        assertThat(filesIn("Five")).containsExactly("other.png", "photo.jpg");
        assertThat(read("Five", "photo.jpg")).isEqualTo(photo);
    }

    @Test
    void unreadableRar5WithoutBsdtarNamesWhatToInstall() throws IOException {
        Files.createDirectories(archives());
        byte[] broken = RarWriter.rar5().add("a.jpg", TestImages.jpeg(40)).bytes();
        Files.write(archive("Odd.rar"), Arrays.copyOf(broken, 14));   // signature and a cut main header

        ArchiveResult odd = result(extract(DEFAULT_LIMITS, ExternalTools.none()), "Odd.rar");

        assertThat(odd.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertThat(odd.failure()).contains("install bsdtar").contains("libarchive-tools");
    }

    @Test
    void unreadableRar5GoesToBsdtarWhenItIsInstalled() throws IOException {
        var tools = ExternalTools.fromEnvironment();
        requireBsdtar(tools.bsdtar());
        Files.createDirectories(archives());
        byte[] broken = RarWriter.rar5().add("a.jpg", TestImages.jpeg(40)).bytes();
        Files.write(archive("Odd.rar"), Arrays.copyOf(broken, 14));

        ArchiveResult odd = result(extract(DEFAULT_LIMITS, tools), "Odd.rar");

        assertThat(odd.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertThat(odd.failure()).contains("Truncated RAR5").contains("bsdtar could still read");
    }

    @Test
    void rarCutInsideAHeaderKeepsTheEntriesBeforeIt() throws IOException {
        byte[] first = TestImages.jpeg(43);
        byte[] whole = RarWriter.rar4().add("first.jpg", first).add("second.jpg", TestImages.jpeg(44)).bytes();
        int secondHeader = HostileZipTest.indexOf(whole, first) + first.length;
        Files.createDirectories(archives());
        Files.write(archive("Headcut.rar"), Arrays.copyOf(whole, secondHeader + 10));

        ArchiveResult headcut = result(extract(), "Headcut.rar");

        assertThat(headcut.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertThat(headcut.failure()).contains("truncated RAR");
        assertThat(filesIn("Headcut")).containsExactly("first.jpg");
        assertThat(read("Headcut", "first.jpg")).isEqualTo(first);
        assertNoTempFilesOrLinks();
    }

    @Test
    void rarCutBetweenEntriesIsReportedAsTruncated() throws IOException {
        byte[] whole = RarWriter.rar4().add("first.jpg", TestImages.jpeg(45)).bytes();
        Files.createDirectories(archives());
        Files.write(archive("Short.rar"), Arrays.copyOf(whole, whole.length - 7));   // without the end block

        ArchiveResult shortResult = result(extract(), "Short.rar");

        assertThat(shortResult.status()).isEqualTo(ArchiveResult.Status.FAILED);
        assertThat(shortResult.failure()).contains("end-of-archive marker");
        assertThat(filesIn("Short")).containsExactly("first.jpg");
    }

    @Test
    void bsdtarReaderAppliesTheSameRules() throws IOException {
        var bsdtar = ExternalTools.fromEnvironment().bsdtar();
        requireBsdtar(bsdtar);
        byte[] photo = TestImages.jpeg(50);
        Path rar4 = RarWriter.rar4().add("set/photo.jpg", photo).add("set/again/photo.jpg", TestImages.jpeg(51))
                .add("set/copy.jpg", photo).add("set/.DS_Store", TestImages.text("junk"))
                .add("set/readme.txt", TestImages.text("hi")).symlink("set/link.jpg", "/etc/passwd")
                .writeTo(archive("Four.rar"));
        Path rar5 = RarWriter.rar5().add("set/photo.jpg", photo).add("set/again/photo.jpg", TestImages.jpeg(51))
                .add("set/copy.jpg", photo).add("set/.DS_Store", TestImages.text("junk"))
                .add("set/readme.txt", TestImages.text("hi"))
                .writeTo(archive("Five.rar"));

        for (Path rar : new Path[] {rar4, rar5}) {
            var reader = new RarArchiveReader(alwaysUnsupported(), ExternalTools.fromEnvironment());
            var folder = PhotosetFolderState.open(DiskFolderFiles.open(images().resolve(rar.getFileName().toString())));
            var candidate = new ArchiveFiles.Candidate(rar, rar.getFileName().toString(),
                    rar.getFileName().toString(), ArchiveFiles.Format.RAR);

            ArchiveResult result = new ArchiveExtraction(candidate, reader, folder, DEFAULT_LIMITS,
                    ExtractionProgress.NONE).run();

            assertThat(result.failure()).isNull();
            assertThat(filesIn(rar.getFileName().toString())).containsExactly("photo.jpg", "photo_2.jpg");
            assertThat(read(rar.getFileName().toString(), "photo.jpg")).isEqualTo(photo);
            assertThat(result.skipped()).containsEntry("duplicate", 1).containsEntry("junk", 1)
                    .containsEntry("not_image", 1);
        }
        assertThat(result(extractAgainWithBsdtarOnly(), "Four.rar").skipped()).containsEntry("link", 1);
        assertNoTempFilesOrLinks();
    }

    @Test
    void bsdtarReaderStopsABombByCountingBytes() throws IOException {
        var bsdtar = ExternalTools.fromEnvironment().bsdtar();
        requireBsdtar(bsdtar);
        byte[] big = new byte[3 * (int) MIB];
        big[0] = 'B';
        big[1] = 'M';
        Path rar = RarWriter.rar4().add("big.bmp", big).add("small.png", TestImages.png(60)).writeTo(archive("Big.rar"));
        var limits = new org.gallery.config.Settings.ArchiveLimits(MIB, 100 * MIB, 100, 1000);
        var folder = PhotosetFolderState.open(DiskFolderFiles.open(images().resolve("Big")));
        var candidate = new ArchiveFiles.Candidate(rar, "Big.rar", "Big", ArchiveFiles.Format.RAR);

        ArchiveResult result = new ArchiveExtraction(candidate, new BsdtarReader(bsdtar.get()), folder, limits,
                ExtractionProgress.NONE).run();

        assertThat(result.skipped()).containsEntry("too_large", 1);
        assertThat(result.bytesDecompressed()).isLessThan(MIB + 256 * 1024);
        assertThat(filesIn("Big")).containsExactly("small.png");
    }

    private ExtractionSummary extractAgainWithBsdtarOnly() throws IOException {
        // a fresh images folder, every RAR forced through bsdtar
        Path fresh = root.resolve("images-bsdtar");
        var results = new java.util.ArrayList<ArchiveResult>();
        for (var candidate : ArchiveFiles.list(archives())) {
            var reader = new RarArchiveReader(alwaysUnsupported(), ExternalTools.fromEnvironment());
            results.add(new ArchiveExtraction(candidate, reader,
                    PhotosetFolderState.open(DiskFolderFiles.open(fresh.resolve(candidate.photosetFolder()))), DEFAULT_LIMITS,
                    ExtractionProgress.NONE).run());
        }
        return ExtractionSummary.of(archives().toString(), fresh.toString(), results);
    }

    /** A built-in reader that gives up on every archive, as junrar does on a RAR variant it lacks. */
    private static ArchiveReader alwaysUnsupported() {
        return (archive, visitor) -> {
            throw new JunrarReader.UnsupportedByReaderException("RAR version not supported by the built-in reader", null);
        };
    }

    /** CI installs bsdtar, so there a missing one fails; elsewhere the fallback tests are skipped. */
    private static void requireBsdtar(java.util.Optional<?> bsdtar) {
        if (System.getenv("CI") != null) {
            assertThat(bsdtar).as("bsdtar (Debian: libarchive-tools) is installed").isPresent();
        }
        assumeThat(bsdtar).as("bsdtar (Debian: libarchive-tools) is installed").isPresent();
    }
}
