package org.gallery.crop;

import java.time.Instant;
import java.util.UUID;

/** A stored crop, in pixels of the upright image. */
public record Crop(UUID imageId, int x, int y, int width, int height, String aspectRatio, Instant updatedAt) {
}
