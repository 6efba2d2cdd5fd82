package org.gallery.crop;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored crop, in pixels of the upright image. */
public record Crop(UUID imageId, int x, int y, int width, int height, @Nullable String aspectRatio, Instant updatedAt) {
}
