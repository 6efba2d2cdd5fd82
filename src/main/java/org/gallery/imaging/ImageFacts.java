package org.gallery.imaging;

import java.time.Instant;

/**
 * What the header of an image tells: format, upright size (after EXIF orientation), orientation tag, date taken
 * and camera.
 */
public record ImageFacts(ImageFormat format, int width, int height, int orientation, Instant takenAt, String camera) {

    public long pixels() {
        return (long) width * height;
    }
}
