package org.gallery.migration.extract;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one archive format. Implementations never write to disk themselves: every byte goes to the visitor. */
interface ArchiveReader {

    /**
     * Hands every entry to the visitor in archive order. Throws {@link UnreadableArchiveException} when the archive
     * cannot be read at all, or stops being readable part way (entries visited before that stay valid).
     */
    void read(Path archive, EntryVisitor visitor) throws IOException;
}
