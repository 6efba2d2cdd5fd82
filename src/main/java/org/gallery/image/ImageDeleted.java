package org.gallery.image;

import java.util.UUID;

/** Published after an image's row is gone, so owners of derived files (thumbnails, crops) remove theirs. */
public record ImageDeleted(UUID imageId) {
}
