package org.gallery.storage;

import org.gallery.config.Settings;

/** Opens a store of either kind from the settings, whichever STORAGE_BACKEND says: for moving files between them. */
public final class FileStores {

    private FileStores() {
    }

    /**
     * The store of this kind ({@code local} or {@code s3}); close it when done.
     *
     * @throws org.gallery.config.InvalidSettingException when the bucket cannot be used
     */
    public static FileStore open(Settings.StoragePaths paths, String backend) {
        return open(paths, backend, RESUMABLE_PART_BYTES);
    }

    /** Parts of a resumable write to a bucket: 16 MiB, well above the 5 MiB S3 wants of every part but the last. */
    public static final int RESUMABLE_PART_BYTES = 16 * 1024 * 1024;

    /** Like {@link #open(Settings.StoragePaths, String)}, with the part size of resumable writes to a bucket. */
    public static FileStore open(Settings.StoragePaths paths, String backend, int resumablePartBytes) {
        if ("local".equals(backend)) {
            return new LocalFileStore(paths);
        }
        if (!"s3".equals(backend)) {
            throw new IllegalArgumentException("No such storage backend: " + backend);
        }
        if (paths.s3().bucket() == null) {
            throw new org.gallery.config.InvalidSettingException("S3_BUCKET", null, "expected the bucket's name");
        }
        var client = S3Connection.client(paths.s3());
        S3Connection.check(client, paths.s3());
        return new S3FileStore(paths, client, S3Connection.presigner(paths.s3()), resumablePartBytes);
    }

    /** Closes a store opened by {@link #open}. */
    public static void close(FileStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
