package org.gallery.thumbnail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.gallery.config.Settings;
import org.gallery.storage.StorageFiles;
import org.springframework.stereotype.Component;

/** Thumbnails on disk at {@code {THUMBNAILS_DIR}/{image id}/{size}.jpg}, each written whole or not at all. */
@Component
class ThumbnailStore {

    private final Path root;

    ThumbnailStore(Settings settings) {
        this.root = settings.storage().thumbnails();
    }

    Path path(UUID imageId, ThumbnailSize size) {
        return root.resolve(imageId.toString()).resolve(size.id() + ".jpg");
    }

    /**
     * All three thumbnails made from the whole file. Thumbnails made of a damaged original (what could be decoded,
     * for viewing) do not count, so that a batch run still tries it and reports it.
     */
    boolean complete(UUID imageId) {
        if (Files.exists(damagedMarker(imageId))) {
            return false;
        }
        for (ThumbnailSize size : ThumbnailSize.values()) {
            if (!Files.isRegularFile(path(imageId, size))) {
                return false;
            }
        }
        return true;
    }

    void write(UUID imageId, ThumbnailSize size, byte[] jpeg) {
        Path target = path(imageId, size);
        try {
            StorageFiles.writeAtomically(target, jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write thumbnail " + target, e);
        }
    }

    /** Records that this image's thumbnails show a damaged original only partly (or clears that record). */
    void markDamaged(UUID imageId, boolean damaged) {
        Path marker = damagedMarker(imageId);
        try {
            if (damaged) {
                StorageFiles.writeAtomically(marker, new byte[0]);
            } else {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the state of the thumbnails of " + imageId, e);
        }
    }

    private Path damagedMarker(UUID imageId) {
        return root.resolve(imageId.toString()).resolve("damaged");
    }

    void deleteAll(UUID imageId) {
        Path dir = root.resolve(imageId.toString());
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete thumbnails of " + imageId, e);
        }
    }
}
