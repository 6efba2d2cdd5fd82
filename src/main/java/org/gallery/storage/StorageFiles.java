package org.gallery.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Work files that end up as stored files: readable by others (a web server, a backup tool), as any saved file is. */
public final class StorageFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private StorageFiles() {
    }

    /** Like {@link Files#createTempFile(Path, String, String, java.nio.file.attribute.FileAttribute[])}, mode 0644. */
    public static Path newTempFile(Path dir, String prefix, String suffix) throws IOException {
        if (POSIX) {
            return Files.createTempFile(dir, prefix, suffix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        }
        return Files.createTempFile(dir, prefix, suffix);
    }

    /** Writes the bytes under a temporary name beside {@code target}, then renames: the file appears whole or not at all. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = newTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A fetched copy of a stored file, deleted when closed. */
    static FileStore.LocalFile deletedOnClose(Path copy) {
        return new FileStore.LocalFile() {
            @Override
            public Path path() {
                return copy;
            }

            @Override
            public void close() {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }
}
