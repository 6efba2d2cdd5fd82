package org.gallery.migration.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.gallery.imaging.ImageFormat;

/**
 * Receives one entry's bytes. The first bytes decide whether it is an image at all (by content, never by name);
 * only then is a temporary file opened in the photoset folder. Every byte is counted against the budget and hashed,
 * so a finished stage carries the facts needed to deduplicate and to recognise the file on a rerun.
 */
final class StagingOutputStream extends OutputStream {

    /** Temporary files carry this prefix; any left by a killed run are removed before the next one starts. */
    static final String TEMP_PREFIX = ".gallery-tmp-";

    /** Enough for every signature {@link ImageFormat#sniff} knows (BMP needs 26 bytes). */
    private static final int HEAD_BYTES = 32;

    private final Path folder;
    private final ByteBudget.Entry budget;
    private final MessageDigest sha256 = newSha256();
    private final byte[] head = new byte[HEAD_BYTES];
    private int headLength;
    private ImageFormat format;
    private Path temp;
    private OutputStream file;
    private long size;
    /** Once finished, the staged file belongs to whoever places it (see PhotosetFolderState#place). */
    private boolean handedOver;

    StagingOutputStream(Path folder, ByteBudget.Entry budget) {
        this.folder = folder;
        this.budget = budget;
    }

    /** A complete, not yet verified image in a temporary file. */
    record Staged(Path temp, ImageFormat format, long size, String sha256) {
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        budget.add(len);
        if (format == null) {
            int taken = Math.min(len, HEAD_BYTES - headLength);
            System.arraycopy(b, off, head, headLength, taken);
            headLength += taken;
            off += taken;
            len -= taken;
            if (headLength < HEAD_BYTES) {
                return;
            }
            recognise();
        }
        append(b, off, len);
    }

    /** Completes the stage once the entry's bytes are all in (and the reader has verified them). */
    Staged finish() throws IOException {
        if (format == null) {
            recognise();
        }
        try {
            file.close();
        } catch (IOException e) {
            throw new TargetWriteException("cannot write " + temp, e);
        }
        var staged = new Staged(temp, format, size, HexFormat.of().formatHex(sha256.digest()));
        handedOver = true;
        return staged;
    }

    /** Closes and deletes whatever was staged; used whenever the entry is not kept. */
    void discard() {
        try {
            if (file != null) {
                file.close();
            }
        } catch (IOException ignored) {
            // the file is deleted next; nothing of it is kept
        }
        try {
            if (temp != null && !handedOver) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException ignored) {
            // a leftover temporary file is removed at the start of the next run
        }
    }

    private void recognise() throws IOException {
        format = ImageFormat.sniff(Arrays.copyOf(head, headLength));
        if (format == null) {
            throw new NotAnImageException();
        }
        try {
            // entry data arrives in large chunks (see CheckedCopy): no buffer of our own is needed
            var created = createTemp(folder, ".part");
            temp = created.path();
            file = created.out();
        } catch (IOException e) {
            throw new TargetWriteException("cannot create a temporary file in " + folder, e);
        }
        append(head, 0, headLength);
    }

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36) + "-"
            + Long.toString(System.nanoTime() & 0xFFFFFF, 36);

    /** A new temporary file, open for writing. */
    record Temp(Path path, OutputStream out) {
    }

    /**
     * Creates a new temporary file in {@code folder} and opens it in one system call, unlike
     * {@link Files#createTempFile}, which also draws a random name and sets permissions, and must then be opened
     * again. The name is unique to this process and call.
     */
    static Temp createTemp(Path folder, String suffix) throws IOException {
        while (true) {
            Path candidate = folder.resolve(TEMP_PREFIX + RUN + "-" + COUNTER.incrementAndGet() + suffix);
            try {
                return new Temp(candidate, Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException taken) {
                // left by an earlier process with the same number: take the next one
            }
        }
    }

    private void append(byte[] b, int off, int len) throws TargetWriteException {
        if (len == 0) {
            return;
        }
        sha256.update(b, off, len);
        size += len;
        try {
            file.write(b, off, len);
        } catch (IOException e) {
            throw new TargetWriteException("cannot write " + temp, e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
