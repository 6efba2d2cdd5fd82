package org.gallery.imaging;

/** Geometry of a suggested crop: the window of a ratio, as large as the image allows, centred on a point. */
final class CropWindow {

    private CropWindow() {
    }

    /** {width, height} of the largest window of {@code ratioW:ratioH} inside a {@code width x height} image. */
    static int[] largest(int width, int height, int ratioW, int ratioH) {
        int w = width;
        int h = (int) Math.round((double) w * ratioH / ratioW);
        if (h > height) {
            h = height;
            w = (int) Math.round((double) h * ratioW / ratioH);
        }
        return new int[] {Math.max(1, Math.min(w, width)), Math.max(1, Math.min(h, height))};
    }

    /** The window of {@code size} centred as near to (centreX, centreY) as the image's edges allow. */
    static CropRect around(int imageWidth, int imageHeight, int[] size, double centreX, double centreY) {
        int x = clamp((int) Math.round(centreX - size[0] / 2.0), imageWidth - size[0]);
        int y = clamp((int) Math.round(centreY - size[1] / 2.0), imageHeight - size[1]);
        return new CropRect(x, y, size[0], size[1]);
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(value, Math.max(0, max)));
    }
}
