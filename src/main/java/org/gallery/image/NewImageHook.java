package org.gallery.image;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Work other features do on a new image before it is committed (thumbnails, which also prove that every pixel
 * decodes). Implementations throw {@link org.gallery.imaging.ImageRejectedException} to refuse the image.
 */
public interface NewImageHook {

    void beforeCommit(UUID imageId, Path original);

    /** The image was not stored after all: remove whatever {@link #beforeCommit} made. */
    void discarded(UUID imageId);
}
