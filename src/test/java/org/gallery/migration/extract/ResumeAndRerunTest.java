package org.gallery.migration.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gallery.migration.extract.ExtractManifest.ArchiveRecord;
import org.junit.jupiter.api.Test;

class ResumeAndRerunTest extends ExtractionTestSupport {

    @Test
    void rerunWritesNothingAndKeepsTheSameFiles() throws IOException {
        writeMixedArchive("Holiday.zip", 0);
        writeMixedArchive("Party.zip", 100);
        ExtractionSummary first = extract();
        Map<String, String> before = snapshot(images());

        ExtractionSummary second = extract();

        assertThat(first.imagesWritten()).isEqualTo(2 * 5);
        assertThat(second.imagesWritten()).isZero();
        assertThat(second.bytesWritten()).isZero();
        assertThat(second.imagesAlreadyPresent()).isEqualTo(first.imagesWritten());
        assertThat(second.skipped()).isEqualTo(first.skipped());
        assertThat(second.archives()).allSatisfy(a -> assertThat(a.status()).isEqualTo(ArchiveResult.Status.UNCHANGED));
        assertThat(snapshot(images())).as("names, sizes, contents and times, manifest included").isEqualTo(before);
    }

    @Test
    void resumesFromASimulatedInterruption() throws IOException {
        Path zip = writeMixedArchive("Trip.zip", 0);
        Map<String, String> reference = extractInto(root.resolve("reference"));
        extract();
        Path folder = images().resolve("Trip");
        // what a kill -9 leaves: the last entries not done, one file renamed into place but not yet in the
        // manifest, and a half-written temporary file
        var manifest = ManifestFile.load(folder);
        ArchiveRecord done = manifest.archives().get("Trip.zip");
        var kept = new ArrayList<>(done.entries().subList(0, done.entries().size() - 4));
        manifest.archives().put("Trip.zip", new ArchiveRecord(done.size(), done.modified(), false, kept));
        List<String> notDone = done.entries().subList(done.entries().size() - 4, done.entries().size()).stream()
                .filter(e -> ExtractManifest.EntryRecord.IMAGE.equals(e.outcome()))
                .map(ExtractManifest.EntryRecord::file).toList();
        assertThat(notDone).hasSize(2);
        notDone.forEach(manifest.files()::remove);
        ManifestFile.save(folder, manifest);
        Files.delete(folder.resolve(notDone.get(1)));
        Files.write(folder.resolve(StagingOutputStream.TEMP_PREFIX + "12345.part"), new byte[] {(byte) 0xFF, (byte) 0xD8});

        ArchiveResult resumed = result(extract(), "Trip.zip");

        assertThat(resumed.status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
        assertThat(resumed.imagesWritten()).isEqualTo(1);
        assertThat(resumed.imagesAlreadyPresent()).isEqualTo(4);
        assertThat(contents(folder)).isEqualTo(reference);
        assertNoTempFilesOrLinks();
        assertThat(Files.size(zip)).isPositive();
    }

    @Test
    void resumesAfterTheProcessIsKilled() throws Exception {
        var zip = new ZipBuilder();
        for (int i = 0; i < 60; i++) {
            zip.add("set/IMG_" + (i % 20) + ".jpg", TestImages.jpeg(i));   // clashes, so names depend on order
            zip.add("set/notes" + i + ".txt", TestImages.text("note"));
        }
        zip.add("set/IMG_3.jpg", TestImages.jpeg(3));                       // a duplicate
        zip.writeTo(archive("Long.zip"));
        Map<String, String> reference = extractInto(root.resolve("reference"));
        Path folder = images().resolve("Long");

        Process child = startChildExtraction(25);
        try {
            waitUntil(() -> filesIn("Long").size() >= 10, 60);
        } finally {
            child.destroyForcibly();   // SIGKILL: no shutdown hooks, no finally blocks
            child.waitFor(30, TimeUnit.SECONDS);
        }
        List<String> afterKill = new ArrayList<>(filesIn("Long"));
        assertThat(afterKill).hasSizeBetween(10, 59);
        for (String name : afterKill) {
            assertThat(sha256(Files.readAllBytes(folder.resolve(name))))
                    .as("a file under a final name is always complete: %s", name)
                    .isEqualTo(reference.get(name));
        }

        ArchiveResult resumed = result(extract(), "Long.zip");

        assertThat(resumed.status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
        assertThat(resumed.imagesWritten() + resumed.imagesAlreadyPresent()).isEqualTo(60);
        assertThat(resumed.imagesAlreadyPresent()).isGreaterThanOrEqualTo(afterKill.size());
        assertThat(contents(folder)).isEqualTo(reference);
        assertNoTempFilesOrLinks();
        assertThat(result(extract(), "Long.zip").status()).isEqualTo(ArchiveResult.Status.UNCHANGED);
    }

    @Test
    void replacedArchiveIsReadAgainWithoutDuplicatingWhatIsThere() throws IOException {
        new ZipBuilder().add("a.jpg", TestImages.jpeg(1)).add("b.jpg", TestImages.jpeg(2)).writeTo(archive("Set.zip"));
        extract();
        new ZipBuilder().add("a.jpg", TestImages.jpeg(1)).add("b.jpg", TestImages.jpeg(2))
                .add("c.jpg", TestImages.jpeg(3)).writeTo(archive("Set.zip"));
        Files.setLastModifiedTime(archive("Set.zip"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        ArchiveResult again = result(extract(), "Set.zip");

        assertThat(again.status()).isEqualTo(ArchiveResult.Status.EXTRACTED);
        assertThat(again.imagesWritten()).isEqualTo(1);
        assertThat(again.skipped()).isEqualTo(Map.of("duplicate", 2));
        assertThat(filesIn("Set")).containsExactly("a.jpg", "b.jpg", "c.jpg");
    }

    @Test
    void fileDeletedByHandIsRestoredUnderItsName() throws IOException {
        writeMixedArchive("Again.zip", 0);
        extract();
        Map<String, String> before = contents(images().resolve("Again"));
        Files.delete(images().resolve("Again").resolve("IMG_0001_2.jpg"));

        ArchiveResult again = result(extract(), "Again.zip");

        assertThat(again.imagesWritten()).isEqualTo(1);
        assertThat(contents(images().resolve("Again"))).isEqualTo(before);
    }

    @Test
    void unreadableManifestIsRebuiltFromTheFilesOnDisk() throws IOException {
        writeMixedArchive("Broken.zip", 0);
        extract();
        Path folder = images().resolve("Broken");
        Map<String, String> before = contents(folder);
        Files.writeString(folder.resolve(ExtractManifest.FILE_NAME), "{ not json");

        ArchiveResult again = result(extract(), "Broken.zip");

        assertThat(again.imagesWritten()).isZero();
        assertThat(again.imagesAlreadyPresent()).isEqualTo(5);
        assertThat(again.warnings()).anySatisfy(w -> assertThat(w).contains("manifest was unreadable"));
        assertThat(contents(folder)).isEqualTo(before);
        assertThat(result(extract(), "Broken.zip").status()).isEqualTo(ArchiveResult.Status.UNCHANGED);
    }

    @Test
    void secondRunOnTheSameImagesFolderIsRefusedWhileOneIsRunning() throws IOException {
        writeMixedArchive("Busy.zip", 0);
        Files.createDirectories(images());
        try (var channel = FileChannel.open(images().resolve(ArchiveExtractor.LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            assertThatThrownBy(() -> new ArchiveExtractor(DEFAULT_LIMITS, ExternalTools.none())
                    .extractAll(archives(), images(), ExtractionProgress.NONE))
                    .hasMessageContaining("another extract is already running");
        }
        assertThat(filesIn("Busy")).isEmpty();
    }

    /** Five images (two clashing names, one duplicate), plus junk and a text file. */
    private Path writeMixedArchive(String name, int seed) {
        return new ZipBuilder()
                .add("a/IMG_0001.jpg", TestImages.jpeg(seed + 1))
                .add("b/IMG_0001.jpg", TestImages.jpeg(seed + 2))
                .add("__MACOSX/a/._IMG_0001.jpg", TestImages.text("fork"))
                .add("c/IMG_0001.jpg", TestImages.jpeg(seed + 3))
                .add("cover.png", TestImages.png(seed + 4))
                .add("copy.png", TestImages.png(seed + 4))
                .add("readme.txt", TestImages.text("about"))
                .add("last.png", TestImages.png(seed + 5))
                .writeTo(archive(name));
    }

    private Map<String, String> extractInto(Path imagesFolder) throws IOException {
        new ArchiveExtractor(DEFAULT_LIMITS, ExternalTools.none()).extractAll(archives(), imagesFolder, ExtractionProgress.NONE);
        try (Stream<Path> folders = Files.list(imagesFolder).filter(Files::isDirectory)) {
            return contents(folders.findFirst().orElseThrow());
        }
    }

    private Process startChildExtraction(long pauseMillis) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExtractInChildProcess.class.getName(), archives().toString(), images().toString(),
                Long.toString(pauseMillis))
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("child.log").toFile())
                .start();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    /** Visible file name to sha256, for one photoset folder. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                result.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return result;
    }

    /** Every file below {@code top}: relative path to size, modification time and hash. */
    private static Map<String, String> snapshot(Path top) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(top)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                try {
                    result.put(top.relativize(p).toString(), Files.size(p) + " " + Files.getLastModifiedTime(p)
                            + " " + sha256(Files.readAllBytes(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return result;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
