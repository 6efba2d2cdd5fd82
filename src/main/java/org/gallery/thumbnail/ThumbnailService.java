package org.gallery.thumbnail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.gallery.image.ImageService;
import org.gallery.image.StoredImage;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.storage.FileStore;
import org.springframework.stereotype.Service;

/** Thumbnails for other features and the web layer: served from the file store, made when missing. */
@Service
public class ThumbnailService {

    private final ThumbnailMaker maker;
    private final ThumbnailStore store;
    private final ImageService images;

    private final FileStore files;

    ThumbnailService(ThumbnailMaker maker, ThumbnailStore store, ImageService images, FileStore files) {
        this.files = files;
        this.maker = maker;
        this.store = store;
        this.images = images;
    }

    /** The thumbnail's JPEG bytes, made first if it is missing. */
    public byte[] bytes(UUID imageId, ThumbnailSize size) {
        return read(imageId, size).bytes();
    }

    ThumbnailStore.Stored read(UUID imageId, ThumbnailSize size) {
        return store.read(imageId, size).orElseGet(() -> {
            try (var original = files.local(images.original(imageId).key())) {
                maker.generateForViewing(imageId, original.path());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the original of " + imageId, e);
            }
            return store.read(imageId, size).orElseThrow(
                    () -> new IllegalStateException("Thumbnail " + size.id() + " of " + imageId + " was not written"));
        });
    }

    /**
     * Makes an image's thumbnails now; {@code force} remakes them even when they exist.
     *
     * @throws ImageRejectedException naming the file, when it cannot be decoded whole
     */
    public void generate(UUID imageId, boolean force) {
        StoredImage original = images.original(imageId);
        if (!force && store.complete(imageId)) {
            return;
        }
        try (var file = files.local(original.key())) {
            maker.generate(imageId, file.path(), force);
        } catch (ImageRejectedException e) {
            // deleted while it was read: that is what the user should hear, not that its file would not open
            images.original(imageId);
            // batch runs list failures by image; the file name is what the user can find and fix
            throw new ImageRejectedException(e.reason(), original.fileName() + ": " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            images.original(imageId);
            // this image's problem, not the storage's: a batch lists it and goes on with the others
            throw new IllegalStateException(original.fileName() + ": the original file is missing from the storage ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the original of " + imageId, e);
        }
    }

    public boolean complete(UUID imageId) {
        return store.complete(imageId);
    }

    /** How many times thumbnails were made since start-up (each time all sizes from one decode). */
    public long generations() {
        return maker.generations();
    }
}
