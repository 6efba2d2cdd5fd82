package org.gallery.migration.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.gallery.storage.SafeNames;
import org.junit.jupiter.api.Test;

class ZipExtractionTest extends ExtractionTestSupport {

    @Test
    void extractsOnlyImagesRecognisedByTheirBytesAndSkipsJunk() {
        byte[] a = TestImages.jpeg(1);
        byte[] b = TestImages.png(2);
        new ZipBuilder()
                .directory("trip/")
                .add("trip/a.jpg", a)
                .add("trip/b.png", b)
                .add("__MACOSX/trip/._a.jpg", TestImages.jpeg(3))   // an image, but a resource fork: junk by name
                .add("trip/.DS_Store", TestImages.text("Bud1"))
                .add("trip/Thumbs.db", TestImages.text("thumbs"))
                .add("trip/desktop.ini", TestImages.text("[.ShellClassInfo]"))
                .add("@eaDir/a.jpg/SYNOPHOTO_THUMB_M.jpg", TestImages.jpeg(4))
                .add("trip/readme.txt", TestImages.text("hello"))
                .add("trip/scan.pdf", TestImages.pdf())
                .writeTo(archive("Trip.zip"));

        ExtractionSummary summary = extract();

        assertThat(filesIn("Trip")).containsExactly("a.jpg", "b.png");
        assertThat(read("Trip", "a.jpg")).isEqualTo(a);
        assertThat(read("Trip", "b.png")).isEqualTo(b);
        ArchiveResult trip = result(summary, "Trip.zip");
        assertThat(trip.status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
        assertThat(trip.imagesWritten()).isEqualTo(2);
        assertThat(trip.skipped()).isEqualTo(Map.of("junk", 5, "not_image", 2));
        assertThat(trip.warnings()).isEmpty();
        assertThat(summary.allHandled()).isTrue();
        assertThat(summary.bytesWritten()).isEqualTo(a.length + b.length);
        assertNothingOutside("Trip");
        assertNoTempFilesOrLinks();
    }

    @Test
    void flattensFoldersAndRenamesClashesInEntryOrder() {
        byte[] first = TestImages.jpeg(10);
        byte[] second = TestImages.jpeg(11);
        byte[] third = TestImages.jpeg(12);
        byte[] upper = TestImages.jpeg(13);
        new ZipBuilder()
                .add("day1/IMG_0001.jpg", first)
                .add("day2/IMG_0001.jpg", second)
                .add("day2/deeper/IMG_0001.jpg", third)
                .add("day3/img_0001.JPG", upper)   // clashes case-insensitively, as it would on Windows or macOS
                .writeTo(archive("Days.zip"));

        extract();

        assertThat(filesIn("Days")).containsExactly("IMG_0001.jpg", "IMG_0001_2.jpg", "IMG_0001_3.jpg", "img_0001_4.JPG");
        assertThat(read("Days", "IMG_0001.jpg")).isEqualTo(first);
        assertThat(read("Days", "IMG_0001_2.jpg")).isEqualTo(second);
        assertThat(read("Days", "IMG_0001_3.jpg")).isEqualTo(third);
        assertThat(read("Days", "img_0001_4.JPG")).isEqualTo(upper);
    }

    @Test
    void storesIdenticalBytesOnceAndDuplicateEntryNamesTwice() {
        byte[] same = TestImages.png(20);
        byte[] other = TestImages.png(21);
        new ZipBuilder()
                .add("a/cover.png", same)
                .add("b/copy-of-cover.png", same)
                .add("same.png", other)
                .add("same.png", TestImages.png(22))   // duplicate entry name, different bytes
                .add("same.png", other)                // duplicate entry name, same bytes
                .writeTo(archive("Dupes.zip"));

        ArchiveResult dupes = result(extract(), "Dupes.zip");

        assertThat(filesIn("Dupes")).containsExactly("cover.png", "same.png", "same_2.png");
        assertThat(read("Dupes", "same_2.png")).isEqualTo(TestImages.png(22));
        assertThat(dupes.imagesWritten()).isEqualTo(3);
        assertThat(dupes.skipped()).isEqualTo(Map.of("duplicate", 2));
    }

    @Test
    void namesFollowTheBytesNotTheExtension() {
        new ZipBuilder()
                .add("photo.txt", TestImages.jpeg(30))       // image with a wrong extension
                .add("scan.jpg", TestImages.png(31))         // PNG called .jpg
                .add("IMG_2.JPEG", TestImages.jpeg(32))      // a fitting extension is kept as it is
                .add("noext", TestImages.png(33))
                .add("fake.jpg", TestImages.text("not really a picture"))   // non-image with an image extension
                .add("fake.png", TestImages.pdf())
                .add("empty.jpg", new byte[0])
                .writeTo(archive("Names.zip"));

        ArchiveResult names = result(extract(), "Names.zip");

        assertThat(filesIn("Names")).containsExactly("IMG_2.JPEG", "noext.png", "photo.jpg", "scan.png");
        assertThat(names.skipped()).isEqualTo(Map.of("not_image", 3));
    }

    @Test
    void photosetFolderIsTheNfcSafeArchiveName() {
        String decomposed = "Cafe\u0301 : night?";
        new ZipBuilder().add("x.png", TestImages.png(40)).writeTo(archive(decomposed + ".zip"));

        ArchiveResult result = extract().archives().getFirst();

        String expected = SafeNames.folder(Normalizer.normalize(decomposed, Normalizer.Form.NFC));
        assertThat(expected).isEqualTo("Café _ night_");
        assertThat(result.photoset()).isEqualTo(expected);
        assertThat(filesIn(expected)).containsExactly("x.png");
    }

    @Test
    void readsLegacyCp437Names() throws Exception {
        Path zip = new ZipBuilder()
                .legacyCp437Names()
                .add("Café Ñandú.jpg", TestImages.jpeg(50))
                .add("Ärger.png", TestImages.png(51))
                .writeTo(archive("Legacy.zip"));
        try (var file = ZipFile.builder().setPath(zip).get()) {
            ZipArchiveEntry entry = file.getEntries().nextElement();
            assertThat(entry.getGeneralPurposeBit().usesUTF8ForNames()).isFalse();
            assertThat(entry.getRawName()).contains((byte) 0x82, (byte) 0xA5);   // é and Ñ in CP437
        }

        extract();

        assertThat(filesIn("Legacy")).containsExactly("Café Ñandú.jpg", "Ärger.png");
    }

    @Test
    void readsUtf8NamesWrittenWithoutTheUtf8Flag() {
        new ZipBuilder()
                .unflaggedUtf8Names()
                .add("東京/夜景.jpg", TestImages.jpeg(52))
                .add("Ærøskøbing.png", TestImages.png(53))
                .writeTo(archive("Unflagged.zip"));

        extract();

        assertThat(filesIn("Unflagged")).containsExactly("Ærøskøbing.png", "夜景.jpg");
    }

    @Test
    void readsZip64Archives() {
        new ZipBuilder().zip64()
                .add("big/one.jpg", TestImages.jpeg(60))
                .add("big/two.png", TestImages.png(61))
                .writeTo(archive("Sixty-four.zip"));

        ArchiveResult result = result(extract(), "Sixty-four.zip");

        assertThat(result.status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
        assertThat(filesIn("Sixty-four")).containsExactly("one.jpg", "two.png");
    }

    @Test
    void emptyArchiveIsHandledWithAWarning() {
        new ZipBuilder().writeTo(archive("Empty.zip"));

        ExtractionSummary summary = extract();

        ArchiveResult empty = result(summary, "Empty.zip");
        assertThat(empty.status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
        assertThat(empty.imagesWritten()).isZero();
        assertThat(empty.warnings()).containsExactly("the archive is empty");
        assertThat(summary.allHandled()).isTrue();
    }

    @Test
    void handlesHugeEntryCounts() {
        var zip = new ZipBuilder();
        for (int i = 0; i < 20_000; i++) {
            zip.add("notes/note-" + i + ".txt", TestImages.text("note " + i));
        }
        for (int i = 0; i < 5; i++) {
            zip.add("pics/p" + i + ".png", TestImages.png(70 + i));
        }
        zip.writeTo(archive("Many.zip"));

        long started = System.nanoTime();
        ArchiveResult many = result(extract(), "Many.zip");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(many.status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
        assertThat(many.imagesWritten()).isEqualTo(5);
        assertThat(many.skipped()).isEqualTo(Map.of("not_image", 20_000));
        assertThat(millis).as("20,000 entries in %d ms", millis).isLessThan(30_000);
    }

    @Test
    void onlyZipAndRarFilesAreArchives() {
        new ZipBuilder().add("a.png", TestImages.png(80)).writeTo(archive("Real.ZIP"));
        new ZipBuilder().add("b.png", TestImages.png(81)).writeTo(archive("notes.7z"));
        new ZipBuilder().add("c.png", TestImages.png(82)).writeTo(archive("Sneaky.rar"));   // a ZIP named .rar

        ExtractionSummary summary = extract();

        assertThat(summary.archives()).extracting(ArchiveResult::archive).containsExactly("Real.ZIP", "Sneaky.rar");
        assertThat(filesIn("Real")).containsExactly("a.png");
        assertThat(filesIn("Sneaky")).containsExactly("c.png");
        assertThat(Path.of(images().toString(), "notes")).doesNotExist();
    }
}
