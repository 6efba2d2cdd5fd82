package org.gallery.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file written front to back over a long time, by a writer that may die part way: a job that records
 * {@link #checkpoint()} with its own progress can be resumed from that state by a new writer, on any instance that
 * shares the store. The file appears under its key only once {@link #complete() complete}.
 *
 * <p>A resumed write keeps the bytes before {@link #resumedAt()}, which is at most where the checkpoint stood: the
 * writer brings what it wrote after that point again, the same bytes in the same order.
 */
public interface ResumableWrite extends AutoCloseable {

    /** Where the bytes written to {@link #out()} go: everything before it is kept. 0 for a new write. */
    long resumedAt();

    /** Takes the bytes from {@link #resumedAt()} on; {@code flush} hands them on but makes no promise. */
    OutputStream out();

    /** Whether {@link #rewrite} works: bytes already written stay where they can be changed. */
    boolean rewritable();

    /** Changes bytes written earlier (after {@link #out()} was flushed); only when {@link #rewritable()}. */
    void rewrite(long offset, byte[] bytes) throws IOException;

    /**
     * Makes the bytes written so far as durable as this store can, and describes where a new writer would go on:
     * the state to record, atomically with the writer's own progress, and to open the write with again.
     */
    String checkpoint() throws IOException;

    /** Writes what is left and puts the whole file under its key. @return the file's size */
    long complete() throws IOException;

    /**
     * The writer failed. A store drops what it cannot keep cheaply for a retry (unfinished uploads to a bucket,
     * which cost storage nobody sees); a later resume from a checkpoint then starts over where needed.
     */
    void abandon();

    /** Releases this writer; an unfinished file stays resumable (see {@link FileStore#abortResumableWrites}). */
    @Override
    void close();
}
