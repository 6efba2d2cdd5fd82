package org.gallery.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.cache.MetadataCache;
import org.gallery.storage.FileStore;
import org.gallery.web.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The files of images changed many at a time, kept in step with the transaction that changes their rows: what a
 * commit makes obsolete is removed after it, what a rollback leaves unused is removed then.
 */
@Component
class ImageFiles {

    private final FileStore files;
    private final MetadataCache cache;
    private final ApplicationEventPublisher events;

    ImageFiles(FileStore files, MetadataCache cache, ApplicationEventPublisher events) {
        this.files = files;
        this.cache = cache;
        this.events = events;
    }

    /**
     * Gives each image's file a second name in {@code folder} (a hard link, or a copy where links are not possible),
     * with a free name there. After the commit the old names go; after a rollback the new ones.
     *
     * @return the new relative path of each image
     */
    Map<UUID, String> linkInto(List<ImageBulk.Row> rows, String folder) {
        Map<UUID, String> created = new HashMap<>();
        List<String> oldPaths = rows.stream().map(ImageBulk.Row::relPath).toList();
        // registered first, so a failure half-way still removes what was made
        afterCompletion(status -> {
            if (status == TransactionSynchronization.STATUS_COMMITTED) {
                oldPaths.forEach(path -> files.delete(original(path)));
            } else {
                created.values().forEach(path -> files.delete(original(path)));
            }
        });
        try {
            for (ImageBulk.Row row : rows) {
                if (!files.exists(original(row.relPath()))) {
                    throw new ApiException(HttpStatus.CONFLICT, "The file of image " + row.id() + " (" + row.relPath()
                            + ") is missing from the storage, so it cannot move; nothing was changed");
                }
                created.put(row.id(), link(row.relPath(), folder, row.fileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return created;
    }

    /** On a local disk the new name is a hard link (no bytes copied); from a bucket the file comes down once. */
    private String link(String relPath, String folder, String fileName) throws IOException {
        Path temp = files.newTempFile();
        try (FileStore.LocalFile source = files.local(original(relPath))) {
            try {
                Files.delete(temp);
                Files.createLink(temp, source.path());
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(source.path(), temp, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return files.store(temp, folder, fileName);
    }

    private static FileStore.Key original(String relPath) {
        return FileStore.Area.IMAGES.key(relPath);
    }

    /** After the commit: the files go, and the owners of derived files hear that the images are gone. */
    void deleteAfterCommit(List<ImageBulk.Row> rows) {
        List<ImageBulk.Row> gone = new ArrayList<>(rows);
        afterCompletion(status -> {
            if (status != TransactionSynchronization.STATUS_COMMITTED) {
                return;
            }
            cache.evictAll(gone.stream().map(row -> ImageService.key(row.id())).toList());
            for (ImageBulk.Row row : gone) {
                files.delete(original(row.relPath()));
                events.publishEvent(new ImageDeleted(row.id()));
            }
        });
    }

    private static void afterCompletion(java.util.function.IntConsumer action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                action.accept(status);
            }
        });
    }
}
