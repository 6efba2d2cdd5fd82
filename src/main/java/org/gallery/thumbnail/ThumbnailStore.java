package org.gallery.thumbnail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gallery.storage.FileStore;
import org.springframework.stereotype.Component;

/** Thumbnails in the file store at {@code {image id}/{size}.jpg} of its thumbnails area, each written whole. */
@Component
class ThumbnailStore {

    /** A thumbnail's bytes and the time they were written, which with their length names this version. */
    record Stored(byte[] bytes, long lastModified) {
    }

    private static final String DAMAGED = "damaged";

    private final FileStore files;

    ThumbnailStore(FileStore files) {
        this.files = files;
    }

    private static FileStore.Key key(UUID imageId, String name) {
        return FileStore.Area.THUMBNAILS.key(imageId + "/" + name);
    }

    static FileStore.Key key(UUID imageId, ThumbnailSize size) {
        return key(imageId, size.id() + ".jpg");
    }

    /** The thumbnail's local file when one exists without fetching, to hand to the kernel as it is. */
    Optional<Path> localFile(UUID imageId, ThumbnailSize size) {
        return files.localIfPresent(key(imageId, size));
    }

    Optional<Stored> read(UUID imageId, ThumbnailSize size) {
        FileStore.Key key = key(imageId, size);
        var stat = files.stat(key);
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stored(files.read(key), stat.get().lastModifiedMillis()));
        } catch (NoSuchFileException removedMeanwhile) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read thumbnail " + key.path(), e);
        }
    }

    /**
     * All three thumbnails made from the whole file. Thumbnails made of a damaged original (what could be decoded,
     * for viewing) do not count, so that a batch run still tries it and reports it.
     */
    boolean complete(UUID imageId) {
        Set<String> present;
        try {
            present = new HashSet<>(files.list(FileStore.Area.THUMBNAILS, imageId.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (present.contains(key(imageId, DAMAGED).path())) {
            return false;
        }
        for (ThumbnailSize size : ThumbnailSize.values()) {
            if (!present.contains(key(imageId, size).path())) {
                return false;
            }
        }
        return true;
    }

    boolean exists(UUID imageId, ThumbnailSize size) {
        return files.exists(key(imageId, size));
    }

    void write(UUID imageId, ThumbnailSize size, byte[] jpeg) {
        try {
            files.put(key(imageId, size), jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write thumbnail " + key(imageId, size).path(), e);
        }
    }

    /** Records that this image's thumbnails show a damaged original only partly (or clears that record). */
    void markDamaged(UUID imageId, boolean damaged) {
        try {
            if (damaged) {
                files.put(key(imageId, DAMAGED), new byte[0]);
            } else {
                files.delete(key(imageId, DAMAGED));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the state of the thumbnails of " + imageId, e);
        }
    }

    void deleteAll(UUID imageId) {
        files.deleteAll(FileStore.Area.THUMBNAILS, imageId.toString());
    }
}
