package org.gallery.imaging;

import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.nio.file.Path;

/**
 * EXIF orientation (1-8): how the stored pixels must be turned to show the picture upright. Applied after
 * resizing, so the turn touches only the small image.
 */
final class Orientation {

    private Orientation() {
    }

    /** The orientation tag of the file, 1 when absent or unreadable. */
    static int read(Path file, ImageFormat format) {
        ExifIFD0Directory exif = FileMetadata.read(file, format).getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
            try {
                int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return value >= 1 && value <= 8 ? value : 1;
            } catch (Exception unreadable) {
                // a tag of the wrong type: shown as stored, like browsers do
            }
        }
        return 1;
    }

    static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * The stored-pixel rectangle that becomes {@code crop} once the image is turned upright. {@code width} and
     * {@code height} are the upright image's.
     */
    static Rectangle toStored(CropRect crop, int width, int height, int orientation) {
        int[] a = storedPoint(crop.x(), crop.y(), width, height, orientation);
        int[] b = storedPoint(crop.x() + crop.width() - 1, crop.y() + crop.height() - 1, width, height, orientation);
        int x = Math.min(a[0], b[0]);
        int y = Math.min(a[1], b[1]);
        return new Rectangle(x, y, Math.abs(a[0] - b[0]) + 1, Math.abs(a[1] - b[1]) + 1);
    }

    /** Turns an opaque INT_RGB or BYTE_GRAY image upright. */
    static BufferedImage upright(BufferedImage stored, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return stored;
        }
        if (stored.getType() != BufferedImage.TYPE_INT_RGB && stored.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            stored = Colours.onWhite(stored);
        }
        int sw = stored.getWidth();
        int sh = stored.getHeight();
        int w = swapsAxes(orientation) ? sh : sw;
        int h = swapsAxes(orientation) ? sw : sh;
        BufferedImage out = new BufferedImage(w, h, stored.getType());
        if (stored.getType() == BufferedImage.TYPE_INT_RGB) {
            int[] src = ((DataBufferInt) stored.getRaster().getDataBuffer()).getData();
            int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
            for (int y = 0, i = 0; y < h; y++) {
                for (int x = 0; x < w; x++, i++) {
                    int[] s = storedPoint(x, y, w, h, orientation);
                    dst[i] = src[s[1] * sw + s[0]];
                }
            }
        } else {
            byte[] src = ((DataBufferByte) stored.getRaster().getDataBuffer()).getData();
            byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            for (int y = 0, i = 0; y < h; y++) {
                for (int x = 0; x < w; x++, i++) {
                    int[] s = storedPoint(x, y, w, h, orientation);
                    dst[i] = src[s[1] * sw + s[0]];
                }
            }
        }
        return out;
    }

    /** Where upright pixel (x, y) of a {@code width x height} upright image is stored. */
    private static int[] storedPoint(int x, int y, int width, int height, int orientation) {
        return switch (orientation) {
            case 2 -> new int[] {width - 1 - x, y};
            case 3 -> new int[] {width - 1 - x, height - 1 - y};
            case 4 -> new int[] {x, height - 1 - y};
            case 5 -> new int[] {y, x};
            case 6 -> new int[] {y, width - 1 - x};
            case 7 -> new int[] {height - 1 - y, width - 1 - x};
            case 8 -> new int[] {height - 1 - y, x};
            default -> new int[] {x, y};
        };
    }
}
