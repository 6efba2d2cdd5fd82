package org.gallery.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where original images live, addressed by a path relative to {@code IMAGES_DIR} ({@code folder/file.jpg}), the same
 * layout the migration toolkit produces. Local disk now; object storage can implement the same contract.
 */
public interface FileStore {

    /** A new empty file in the work area, on the same file system, to stream an upload into. */
    Path newTempFile() throws IOException;

    /**
     * Moves a complete temp file to {@code folder/fileName}, or to {@code stem_2.ext}, {@code stem_3.ext}... when
     * the name is taken. Atomic: the file appears whole under its final name or not at all.
     *
     * @return the relative path it was stored under
     */
    String store(Path completeTempFile, String folder, String fileName) throws IOException;

    /** The local file for a relative path; never outside the store. */
    Path resolve(String relativePath);

    void delete(String relativePath);

    /** Removes a folder if it holds nothing any more. */
    void deleteFolderIfEmpty(String folder);

    boolean writable();

    long freeBytes();
}
