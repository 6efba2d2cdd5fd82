package org.gallery.migration.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The files of one photoset folder as extraction sees them: in a folder on disk, written in place, or in the file
 * store, each uploaded and checked as it is placed. Entries are staged in {@link #workFolder()} first either way.
 */
interface FolderFiles {

    /** Where staged entries are written before they are placed: the folder itself, or local staging. */
    Path workFolder();

    /** The names taken in the folder. */
    Set<String> names() throws IOException;

    /** The size of the file of that name, or -1 when there is no such file. */
    long size(String fileName);

    /** The SHA-256 of the file of that name, read whole. */
    String sha256(String fileName) throws IOException;

    /** Gives a staged entry its final name; the staged temporary file is consumed. */
    void placeStaged(StagingOutputStream.Staged staged, String fileName) throws IOException;

    /** The folder's manifest: empty when there is none, null when it exists but cannot be understood. */
    ExtractManifest loadManifest() throws IOException;

    /** Replaces the manifest whole. */
    void saveManifest(ExtractManifest manifest) throws IOException;

    /** The folder, for messages. */
    String describe();
}
