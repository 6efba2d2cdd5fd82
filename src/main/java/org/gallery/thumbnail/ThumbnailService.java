package org.gallery.thumbnail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.gallery.image.ImageService;
import org.gallery.image.StoredImage;
import org.gallery.imaging.ImageRejectedException;
import org.springframework.stereotype.Service;

/** Thumbnails for other features and the web layer: served from disk, made when missing. */
@Service
public class ThumbnailService {

    private final ThumbnailMaker maker;
    private final ThumbnailStore store;
    private final ImageService images;

    ThumbnailService(ThumbnailMaker maker, ThumbnailStore store, ImageService images) {
        this.maker = maker;
        this.store = store;
        this.images = images;
    }

    /** The thumbnail file, made first if it is missing. */
    public Path file(UUID imageId, ThumbnailSize size) {
        Path path = store.path(imageId, size);
        if (!Files.isRegularFile(path)) {
            maker.generateForViewing(imageId, images.original(imageId).file());
        }
        return path;
    }

    /**
     * Makes an image's thumbnails now; {@code force} remakes them even when they exist.
     *
     * @throws ImageRejectedException naming the file, when it cannot be decoded whole
     */
    public void generate(UUID imageId, boolean force) {
        StoredImage original = images.original(imageId);
        try {
            maker.generate(imageId, original.file(), force);
        } catch (ImageRejectedException e) {
            // batch runs list failures by image; the file name is what the user can find and fix
            throw new ImageRejectedException(e.reason(), original.fileName() + ": " + e.getMessage());
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
