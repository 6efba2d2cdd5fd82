package org.gallery.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipWriterTest {

    @TempDir
    Path dir;

    @Test
    void storedDeflatedAndUnicodeNamesReadBackEverywhere() throws Exception {
        var bytes = new ByteArrayOutputStream();
        ZipWriter zip = new ZipWriter(bytes, 0, true);
        long t = ZipWriter.dosTime(1_700_000_000_000L);
        zip.stored("Été 2024/photo.jpg", t, "jpeg bytes".getBytes(StandardCharsets.UTF_8));
        zip.deflated("Été 2024/photo.txt", t, new ByteArrayInputStream("a caption".repeat(100).getBytes()), 900);
        zip.deflated("unknown-size.txt", t, new ByteArrayInputStream("x".repeat(5000).getBytes()), -1);
        zip.finish();
        Path file = dir.resolve("a.zip");
        Files.write(file, bytes.toByteArray());
        ExportTesting.unzipTest(file);
        var archive = ExportTesting.read(bytes.toByteArray());
        assertThat(archive.files().keySet()).containsExactly("Été 2024/photo.jpg", "Été 2024/photo.txt",
                "unknown-size.txt");
        assertThat(archive.text("Été 2024/photo.txt")).isEqualTo("a caption".repeat(100));
        assertThat(archive.text("unknown-size.txt")).hasSize(5000);
        try (var jdk = new java.util.zip.ZipFile(file.toFile())) {
            var entry = jdk.getEntry("Été 2024/photo.jpg");
            assertThat(entry.getMethod()).isEqualTo(java.util.zip.ZipEntry.STORED);
            assertThat(entry.getTimeLocal().getYear()).isEqualTo(2023);
        }
    }

    @Test
    void moreThan65535EntriesUseZip64EndRecords() throws Exception {
        Path file = dir.resolve("many.zip");
        int count = 70_000;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            ZipWriter zip = new ZipWriter(out, 0, true);
            for (int i = 0; i < count; i++) {
                zip.stored("f/" + i + ".txt", 0, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            }
            zip.finish();
        }
        try (var jdk = new java.util.zip.ZipFile(file.toFile())) {
            assertThat(jdk.size()).isEqualTo(count);
            assertThat(new String(jdk.getInputStream(jdk.getEntry("f/69999.txt")).readAllBytes())).isEqualTo("69999");
        }
        try (var cc = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(file).get()) {
            assertThat(java.util.Collections.list(cc.getEntries())).hasSize(count);
        }
        ExportTesting.unzipTest(file);
    }

    @Test
    void aWriterResumedAtAnOffsetWithKeptEntriesMakesOneArchive() throws Exception {
        var bytes = new ByteArrayOutputStream();
        ZipWriter first = new ZipWriter(bytes, 0, false);
        List<ZipWriter.Entry> entries = new ArrayList<>();
        entries.add(first.stored("a.txt", 0, "first".getBytes()));
        long committed = first.offset();
        // bytes written after the last commit are cut off, as a restarted export job does
        first.stored("lost.txt", 0, "never committed".getBytes());
        byte[] kept = java.util.Arrays.copyOf(bytes.toByteArray(), (int) committed);
        var resumed = new ByteArrayOutputStream();
        resumed.write(kept);
        ZipWriter second = new ZipWriter(resumed, committed, false);
        entries.add(second.stored("b.txt", 0, "second".getBytes()));
        for (var e : entries) {
            second.central(e);
        }
        second.end();
        var archive = ExportTesting.read(resumed.toByteArray());
        assertThat(archive.files().keySet()).containsExactly("a.txt", "b.txt");
        assertThat(archive.text("b.txt")).isEqualTo("second");
    }

    @Test
    void offsetsBeyond4GiBGetZip64ExtraFields() throws Exception {
        // a central directory for an entry that starts past 4 GiB, parsed back field by field
        var bytes = new ByteArrayOutputStream();
        long start = 5L << 30;
        ZipWriter zip = new ZipWriter(bytes, start, false);
        zip.central(new ZipWriter.Entry("big.jpg", ZipWriter.STORED, 1, 10, 10, start - 100, 0, false));
        zip.end();
        var b = java.nio.ByteBuffer.wrap(bytes.toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(0x02014b50);
        assertThat(b.getInt(42) & 0xFFFFFFFFL).as("offset marker").isEqualTo(0xFFFFFFFFL);
        int nameLength = b.getShort(28);
        int extra = 46 + nameLength;
        assertThat(b.getShort(extra)).isEqualTo((short) 1);
        assertThat(b.getLong(extra + 4)).isEqualTo(start - 100);
        int end = extra + 4 + 8;
        assertThat(b.getInt(end)).as("zip64 end record").isEqualTo(0x06064b50);
        assertThat(b.getLong(end + 48)).as("central directory offset").isEqualTo(start);
        assertThat(b.getInt(end + 56)).as("zip64 locator").isEqualTo(0x07064b50);
        assertThat(b.getInt(end + 76)).as("end record").isEqualTo(0x06054b50);
    }
}
