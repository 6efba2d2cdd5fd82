package org.gallery.migration.extract;

import java.io.IOException;

/** Receives the entries of one archive in archive order. */
interface EntryVisitor {

    /** Called once before the first entry; -1 when the reader only learns the count by reading to the end. */
    void begin(int entryCount) throws IOException;

    /** An exception thrown here that is not about this entry alone stops the reading of the archive. */
    void visit(EntryHeader header, EntryContent content) throws IOException;
}
