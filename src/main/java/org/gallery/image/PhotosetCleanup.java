package org.gallery.image;

import org.gallery.photoset.PhotosetDeleting;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A deleted photoset takes its images with it, in the same transaction. */
@Component
class PhotosetCleanup {

    private final ImageService images;

    PhotosetCleanup(ImageService images) {
        this.images = images;
    }

    @EventListener
    void on(PhotosetDeleting event) {
        images.deleteAllOf(event.photosetId(), event.folder());
    }
}
