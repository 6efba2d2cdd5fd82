package org.gallery.thumbnail;

import java.util.UUID;
import org.gallery.imaging.PixelHash;

/**
 * Published when an image's thumbnails were made from a whole decode, with the perceptual hash of their pixels.
 * For an upload this happens before the image's row is committed (the decode is what admits the file).
 */
public record ThumbnailsMade(UUID imageId, PixelHash hash) {
}
