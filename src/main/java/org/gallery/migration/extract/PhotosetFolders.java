package org.gallery.migration.extract;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gallery.storage.FileStore;

/**
 * Where extraction puts photoset folders: the images folder itself when the file store keeps its files in a local
 * folder, otherwise the file store, with entries staged in a local work folder on their way.
 */
abstract sealed class PhotosetFolders {

    /** The folders of this store: in place when its images lie in a local folder, staged under {@code work} otherwise. */
    static PhotosetFolders of(FileStore store, Path work) {
        return store.localFolder(FileStore.Area.IMAGES).<PhotosetFolders>map(OnDisk::new)
                .orElseGet(() -> new InStore(store, work.resolve("extract")));
    }

    static PhotosetFolders onDisk(Path images) {
        return new OnDisk(images);
    }

    /** Where the folders are, for the summary. */
    abstract String location();

    /** The local folder that holds the run's lock file; created if needed. */
    abstract Path lockFolder() throws IOException;

    /** A photoset folder to extract into (created, leftovers of a killed run removed). */
    abstract FolderFiles open(String photosetFolder) throws IOException;

    /** A photoset folder to look at, changing nothing. */
    abstract FolderFiles view(String photosetFolder) throws IOException;

    /** A folder that must not be written: the message is the whole reason. */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private static final class OnDisk extends PhotosetFolders {
        private final Path images;

        OnDisk(Path images) {
            this.images = images.toAbsolutePath().normalize();
        }

        @Override
        String location() {
            return images.toString();
        }

        @Override
        Path lockFolder() throws IOException {
            Files.createDirectories(images);
            return images;
        }

        @Override
        FolderFiles open(String photosetFolder) throws IOException {
            return DiskFolderFiles.open(checked(photosetFolder));
        }

        @Override
        FolderFiles view(String photosetFolder) throws IOException {
            return new DiskFolderFiles(checked(photosetFolder));
        }

        private Path checked(String photosetFolder) throws RefusedException {
            Path folder = images.resolve(photosetFolder).normalize();
            if (!images.equals(folder.getParent())) {
                throw new RefusedException("unsafe photoset folder name " + photosetFolder);
            }
            if (Files.isSymbolicLink(folder)) {
                // writing through it would put files wherever the link points
                throw new RefusedException("the photoset folder " + folder + " is a symbolic link; not written through");
            }
            return folder;
        }
    }

    private static final class InStore extends PhotosetFolders {
        private final FileStore store;
        private final Path staging;
        private boolean cleared;

        InStore(FileStore store, Path staging) {
            this.store = store;
            this.staging = staging.toAbsolutePath().normalize();
        }

        @Override
        String location() {
            return store.location(FileStore.Area.IMAGES);
        }

        @Override
        Path lockFolder() throws IOException {
            Files.createDirectories(staging);
            return staging;
        }

        @Override
        FolderFiles open(String photosetFolder) throws IOException {
            if (!cleared) {
                // what a killed run staged never reached the store; the lock is held, so no other run stages here
                try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(staging, StagingOutputStream.TEMP_PREFIX + "*")) {
                    for (Path leftover : leftovers) {
                        Files.deleteIfExists(leftover);
                    }
                }
                cleared = true;
            }
            return view(photosetFolder);
        }

        @Override
        FolderFiles view(String photosetFolder) throws IOException {
            if (photosetFolder.contains("/") || photosetFolder.startsWith(".")) {
                throw new RefusedException("unsafe photoset folder name " + photosetFolder);
            }
            return StoredFolderFiles.open(store, photosetFolder, staging);
        }
    }
}
