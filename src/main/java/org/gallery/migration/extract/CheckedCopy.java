package org.gallery.migration.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * Copies decompressed entry data while computing its CRC-32, then compares CRC and length with what the archive
 * recorded. Read errors become {@link CorruptEntryException}; errors from the output (limits, disk) pass through.
 */
final class CheckedCopy {

    private static final int BUFFER = 64 * 1024;

    private CheckedCopy() {
    }

    record Copied(long crc, long size) {
    }

    static Copied copy(InputStream in, OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException | RuntimeException e) {
                throw new CorruptEntryException("data unreadable after " + size + " bytes: " + describe(e), e);
            }
            if (n < 0) {
                return new Copied(crc.getValue(), size);
            }
            crc.update(buffer, 0, n);
            size += n;
            out.write(buffer, 0, n);
        }
    }

    /** @param expectedCrc the recorded CRC-32, or -1 when unknown; {@code expectedSize} likewise */
    static void verify(Copied copied, long expectedCrc, long expectedSize) throws CorruptEntryException {
        if (expectedSize >= 0 && copied.size() != expectedSize) {
            throw new CorruptEntryException("size mismatch: " + copied.size() + " bytes instead of " + expectedSize);
        }
        if (expectedCrc >= 0 && copied.crc() != expectedCrc) {
            throw new CorruptEntryException(
                    String.format("CRC mismatch: %08x instead of %08x", copied.crc(), expectedCrc));
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
