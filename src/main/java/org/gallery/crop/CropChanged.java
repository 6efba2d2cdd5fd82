package org.gallery.crop;

import java.util.UUID;

/** An image's crop was set, replaced or removed. */
public record CropChanged(UUID imageId) {
}
