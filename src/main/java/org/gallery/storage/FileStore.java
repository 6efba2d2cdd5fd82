package org.gallery.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Where stored files live: originals ({@code images/folder/file.jpg}, the layout the migration toolkit produces),
 * thumbnails, crops and finished exports, each addressed by an {@link Key area and a relative path}. A folder per area on the local
 * disk, or keys in a bucket; callers never learn which, and never see a stored file's own path: they stream, or ask
 * for a {@link LocalFile} when a decoder needs a real file.
 *
 * <p>Every method may throw {@link StorageUnavailableException} when the store cannot be reached.
 */
public interface FileStore {

    /**
     * What kind of file; each has its own folder (IMAGES_DIR, THUMBNAILS_DIR, CROPS_DIR, {@code $ARCHIVES_DIR/exports})
     * or key prefix.
     */
    enum Area {
        IMAGES, THUMBNAILS, CROPS, EXPORTS;

        public Key key(String path) {
            return new Key(this, path);
        }

        String prefix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A stored file: its area and its path inside it, {@code /}-separated, never leaving the area. */
    record Key(Area area, String path) {
        public Key {
            if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")
                    || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")) {
                throw new IllegalArgumentException("Not a stored file's path: " + path);
            }
        }
    }

    /** Size and time of a stored file. */
    record Stat(long size, long lastModifiedMillis) {
    }

    /** A real file with a stored file's bytes, for code that needs one (decoders); closing it drops any copy. */
    interface LocalFile extends AutoCloseable {
        Path path();

        @Override
        void close();
    }

    /** What the health check shows. {@code freeBytes} is -1 when the store has no such limit or cannot tell. */
    record Health(String kind, boolean up, boolean writable, long freeBytes) {
    }

    /** A new empty file in the work area, to stream an upload into before it is checked and stored. */
    Path newTempFile() throws IOException;

    /**
     * Stores a complete temp file as the original {@code folder/fileName}, or {@code stem_2.ext}, {@code stem_3.ext}...
     * when the name is taken. The file appears whole under its final name or not at all; the temp file is consumed.
     *
     * @return the relative path (in {@link Area#IMAGES}) it was stored under
     */
    String store(Path completeTempFile, String folder, String fileName) throws IOException;

    /** Writes (or replaces) a stored file whole: readers see the old bytes or the new ones, never a part. */
    void put(Key key, byte[] bytes) throws IOException;

    /** Like {@link #put(Key, byte[])}, streaming a complete temp file, which is consumed. */
    void put(Key key, Path completeTempFile) throws IOException;

    /**
     * Starts a long write of this file ({@code state} null), or resumes one from the state of its last
     * {@link ResumableWrite#checkpoint()}, whichever instance wrote it. The file appears only when complete.
     */
    ResumableWrite openResumableWrite(Key key, String state) throws IOException;

    /** Drops every unfinished {@link #openResumableWrite resumable write} of this file; the file itself stays. */
    void abortResumableWrites(Key key);

    /** Size and time, or empty when there is no such file. */
    Optional<Stat> stat(Key key);

    default boolean exists(Key key) {
        return stat(key).isPresent();
    }

    /** The bytes from {@code offset}, at most {@code length} of them (-1: to the end). */
    InputStream open(Key key, long offset, long length) throws IOException;

    default InputStream open(Key key) throws IOException {
        return open(key, 0, -1);
    }

    default byte[] read(Key key) throws IOException {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        }
    }

    /** A real file with these bytes, fetched first if the store is remote. */
    LocalFile local(Key key) throws IOException;

    /**
     * A local file already holding these bytes, when one exists without fetching anything (the file itself on a
     * local disk, a cached copy otherwise), so that it can be sent straight from the kernel.
     */
    Optional<Path> localIfPresent(Key key);

    void delete(Key key);

    /**
     * Drops this instance's local copies of the files under {@code folder/} (the store's files stay): another
     * instance has just replaced or deleted them.
     */
    default void forgetCopies(Area area, String folder) {
    }

    /** Deletes every stored file under {@code folder/} in the area. */
    void deleteAll(Area area, String folder);

    /** The relative paths of every stored file under {@code folder/} in the area (all of them for ""), sorted. */
    List<String> list(Area area, String folder) throws IOException;

    /**
     * What lies directly under {@code folder/} in the area ("" for the area itself), sorted: file names, and
     * sub-folder names ending in {@code /}. Names starting with a dot (unfinished writes) are left out.
     */
    List<String> children(Area area, String folder) throws IOException;

    /**
     * The files directly under {@code folder/} in the area with their size and time, by name: one listing, however
     * many files. Sub-folders, links and names starting with a dot (unfinished writes, bookkeeping) are left out.
     */
    SortedMap<String, Stat> files(Area area, String folder) throws IOException;

    /**
     * The folder on this machine that holds the area's files, when the store keeps them in one, so that a tool that
     * writes many files at once (the migration's extract) can write there in place; empty when they live elsewhere.
     */
    default Optional<Path> localFolder(Area area) {
        return Optional.empty();
    }

    /** Where the area's files are, for people to read: a folder, or {@code s3://bucket/prefix/images}. */
    String location(Area area);

    /** Removes an originals' folder if it holds nothing any more (object stores have no empty folders). */
    void deleteFolderIfEmpty(String folder);

    /**
     * A short-lived URL from which a client can download the file itself, named and typed as given, or empty when
     * the store serves no such URLs (or they are turned off).
     */
    default Optional<URI> downloadUrl(Key key, String fileName, String mimeType, Duration validFor) {
        return Optional.empty();
    }

    Health health();
}
