package org.gallery.export;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * The lines of {@code metadata.jsonl}, deflated into a small work file as they come, then added to the archive as
 * one entry with known sizes: the manifest comes last, after every image, and never sits in memory.
 */
final class ManifestSpool implements Closeable {

    private static final byte[] NEWLINE = {'\n'};

    private final Path file;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final DeflaterOutputStream out;
    private final CRC32 crc = new CRC32();
    private long size;

    ManifestSpool(Path workFolder) throws IOException {
        Files.createDirectories(workFolder);
        this.file = Files.createTempFile(workFolder, ".manifest-", ".tmp");
        this.out = new DeflaterOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024),
                deflater, 64 * 1024);
    }

    void add(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        out.write(NEWLINE);
        crc.update(bytes);
        crc.update(NEWLINE);
        size += bytes.length + 1;
    }

    ZipWriter.Entry writeTo(ZipWriter zip, String name, long dosTime) throws IOException {
        out.finish();
        out.flush();
        out.close();
        long compressed = Files.size(file);
        try (InputStream raw = Files.newInputStream(file)) {
            return zip.predeflated(name, dosTime, crc.getValue(), compressed, size, raw);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException ignored) {
            // the file goes anyway
        } finally {
            deflater.end();
            Files.deleteIfExists(file);
        }
    }

}
