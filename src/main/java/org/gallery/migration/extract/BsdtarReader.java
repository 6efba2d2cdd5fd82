package org.gallery.migration.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads any archive libarchive can read (RAR5 included) by asking {@code bsdtar} to re-emit it as a tar stream on
 * its standard output, and reading that stream here. Nothing is ever unpacked to disk by the external program, so the
 * same name, link, junk and size rules apply as for the built-in readers, and a bomb is stopped by killing it.
 *
 * <p>Integrity is only as good as libarchive's: it verifies compressed RAR data, but version 3.6 does not check the
 * CRC of stored (uncompressed) RAR entries. A non-zero exit fails the archive.
 */
final class BsdtarReader implements ArchiveReader {

    private static final int STDERR_KEPT = 4096;

    private final Path bsdtar;

    BsdtarReader(Path bsdtar) {
        this.bsdtar = bsdtar;
    }

    @Override
    public void read(Path archive, EntryVisitor visitor) throws IOException {
        Process process = new ProcessBuilder(List.of(bsdtar.toString(), "--create", "--file", "-", "--format", "pax",
                "@" + archive.toAbsolutePath()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        // never waits for input: standard input is closed at once, and libarchive asks no passphrase for RAR
        process.getOutputStream().close();
        var stderr = new ByteArrayOutputStream();
        Thread drain = Thread.ofVirtual().start(() -> keepTail(process.getErrorStream(), stderr));
        boolean finished = false;
        try (var tar = new TarArchiveInputStream(process.getInputStream(), StandardCharsets.UTF_8.name())) {
            visitor.begin(-1);
            int index = 0;
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar, index)) != null) {
                visitor.visit(header(index++, entry), new Content(tar));
            }
            finished = true;
        } finally {
            if (!finished) {
                process.destroyForcibly();
            }
        }
        int exit = waitFor(process);
        joinQuietly(drain);
        if (exit != 0) {
            String message = stderr.toString(StandardCharsets.UTF_8).strip();
            throw new UnreadableArchiveException("bsdtar could not read it (exit " + exit + ")"
                    + (message.isEmpty() ? "" : ": " + message.lines().reduce((a, b) -> b).orElse(message)));
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, int readSoFar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw new UnreadableArchiveException("bsdtar output ended after " + readSoFar + " entries: "
                    + CheckedCopy.describe(e), e);
        }
    }

    private static EntryHeader header(int index, TarArchiveEntry entry) {
        EntryHeader.Kind kind;
        if (entry.isDirectory()) {
            kind = EntryHeader.Kind.DIRECTORY;
        } else if (entry.isSymbolicLink() || entry.isLink()) {
            kind = EntryHeader.Kind.LINK;
        } else if (!entry.isFile()) {
            kind = EntryHeader.Kind.SPECIAL;
        } else {
            kind = EntryHeader.Kind.FILE;
        }
        return new EntryHeader(index, EntryNames.normalize(entry.getName()), kind, entry.getSize(), false, null);
    }

    private record Content(TarArchiveInputStream tar) implements EntryContent {
        @Override
        public void copyTo(OutputStream out) throws IOException {
            CheckedCopy.copy(tar, out);
        }
    }

    private static void keepTail(InputStream in, ByteArrayOutputStream kept) {
        byte[] buffer = new byte[1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (kept) {
                    if (kept.size() + n > STDERR_KEPT) {
                        byte[] old = kept.toByteArray();
                        kept.reset();
                        int keep = Math.max(0, STDERR_KEPT - n);
                        kept.write(old, Math.max(0, old.length - keep), Math.min(old.length, keep));
                    }
                    kept.write(buffer, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process was killed; its last words do not matter then
        }
    }

    private static int waitFor(Process process) throws IOException {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new UnreadableArchiveException("bsdtar did not finish after its output ended");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while waiting for bsdtar", e);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
