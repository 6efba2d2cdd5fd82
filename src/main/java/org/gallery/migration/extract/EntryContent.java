package org.gallery.migration.extract;

import java.io.IOException;
import java.io.OutputStream;

/** The bytes of one entry, decompressed only when asked for, and checked against the archive's own checksum. */
interface EntryContent {

    /**
     * Writes the whole entry to {@code out}. Throws {@link CorruptEntryException} when the data cannot be read or
     * does not match the archive's checksum or size; exceptions thrown by {@code out} pass through unchanged.
     */
    void copyTo(OutputStream out) throws IOException;

    /** Compressed bytes consumed so far for this entry, or -1 when the reader cannot tell (no ratio check then). */
    default long compressedBytesRead() {
        return -1;
    }
}
