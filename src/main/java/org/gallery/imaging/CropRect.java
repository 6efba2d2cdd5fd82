package org.gallery.imaging;

/** A rectangle in pixels of the upright image (after EXIF orientation). */
public record CropRect(int x, int y, int width, int height) {

    public CropRect {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("A crop needs a positive width and height, got " + width + "x" + height);
        }
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("A crop cannot start left of or above the image, got " + x + "," + y);
        }
    }

    /** Throws when this crop reaches outside an upright image of the given size. */
    public void requireInside(int imageWidth, int imageHeight) {
        if ((long) x + width > imageWidth || (long) y + height > imageHeight) {
            throw new IllegalArgumentException("The crop " + width + "x" + height + " at " + x + "," + y
                    + " does not fit inside the " + imageWidth + "x" + imageHeight + " image");
        }
    }
}
