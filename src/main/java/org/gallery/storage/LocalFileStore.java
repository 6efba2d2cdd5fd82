package org.gallery.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.gallery.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
class LocalFileStore implements FileStore {

    private static final Logger log = LoggerFactory.getLogger(LocalFileStore.class);

    private final Path root;
    private final Path temp;

    LocalFileStore(Settings settings) {
        this.root = settings.storage().images().toAbsolutePath().normalize();
        this.temp = settings.storage().temp().toAbsolutePath().normalize();
    }

    @Override
    public Path newTempFile() throws IOException {
        Files.createDirectories(temp);
        return StorageFiles.newTempFile(temp, "upload-", ".part");
    }

    @Override
    public String store(Path completeTempFile, String folder, String fileName) throws IOException {
        Path dir = resolve(folder);
        Files.createDirectories(dir);
        String stem = SafeNames.stem(fileName);
        String ext = SafeNames.extension(fileName);
        int folderGone = 0;
        for (int n = 1; n < 100_000; n++) {
            String candidate = n == 1 ? fileName : stem + "_" + n + ext;
            Path target = dir.resolve(candidate);
            try {
                // createFile reserves the name atomically; the rename then replaces the empty placeholder
                Files.createFile(target);
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (NoSuchFileException gone) {
                // the emptied folder of a deleted photoset was removed between createDirectories and here
                if (++folderGone > 3) {
                    throw gone;
                }
                Files.createDirectories(dir);
                n--;
                continue;
            }
            try {
                Files.move(completeTempFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(target);
                throw e;
            }
            return folder + "/" + candidate;
        }
        throw new IOException("No free file name for " + fileName + " in " + folder);
    }

    @Override
    public Path resolve(String relativePath) {
        Path path = root.resolve(relativePath).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Path escapes the image store: " + relativePath);
        }
        return path;
    }

    @Override
    public void delete(String relativePath) {
        try {
            Files.deleteIfExists(resolve(relativePath));
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", relativePath, e.getMessage());
        }
    }

    @Override
    public void deleteFolderIfEmpty(String folder) {
        try {
            Files.deleteIfExists(resolve(folder));
        } catch (DirectoryNotEmptyException | NoSuchFileException ignored) {
            // still in use, or already gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean writable() {
        try {
            Files.createDirectories(temp);
            Path probe = Files.createTempFile(temp, "health-", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public long freeBytes() {
        try {
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
