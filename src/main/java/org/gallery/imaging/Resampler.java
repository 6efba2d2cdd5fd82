package org.gallery.imaging;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Downscaling: exact halvings (each output pixel the mean of a 2x2 block, so no source pixel is skipped), then one
 * separable triangle-filter step whose support widens with the scale, like Pillow's antialiased bilinear. Java2D's
 * scaling loops were 3-4 times slower than these plain array loops for the same job and alias on large steps.
 */
final class Resampler {

    private static final int[] RGB_MASKS = {0xFF0000, 0xFF00, 0xFF};
    private static final DirectColorModel RGB = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
    private static final int BITS = 12;
    private static final int ONE = 1 << BITS;

    private Resampler() {
    }

    /** The image scaled down to {@code width x height}; the same image when it has that size already. */
    static BufferedImage scale(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        int[] pixels;
        int w = image.getWidth();
        int h = image.getHeight();
        if (isPlain(image, BufferedImage.TYPE_3BYTE_BGR)) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            if (w >= 2 * width && h >= 2 * height) {
                pixels = halveBgr(bgr, w, h);
                w /= 2;
                h /= 2;
            } else {
                pixels = bgrToRgb(bgr, w, h);
            }
        } else if (isPlain(image, BufferedImage.TYPE_INT_RGB)) {
            pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        } else {
            return java2d(image, width, height);
        }
        while (w >= 2 * width && h >= 2 * height) {
            pixels = halve(pixels, w, h);
            w /= 2;
            h /= 2;
        }
        if (w != width || h != height) {
            pixels = triangle(pixels, w, h, width, height);
        }
        // Wrapped, not copied: fewer large arrays means fewer collections, and the JDK's JPEG codec holds its
        // arrays in JNI critical regions that stall every other thread's collection.
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(pixels, pixels.length), width, height,
                width, RGB_MASKS, null);
        return new BufferedImage(RGB, raster, false, null);
    }

    /** A freshly made image of that type whose array holds exactly its pixels, row after row. */
    private static boolean isPlain(BufferedImage image, int type) {
        return image.getType() == type && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0
                && image.getRaster().getDataBuffer().getNumBanks() == 1
                && image.getRaster().getDataBuffer().getSize()
                        == image.getWidth() * image.getHeight() * (type == BufferedImage.TYPE_INT_RGB ? 1 : 3);
    }

    private static int[] halve(int[] src, int w, int h) {
        int ow = w / 2;
        int oh = h / 2;
        int[] out = new int[ow * oh];
        for (int y = 0; y < oh; y++) {
            int a = 2 * y * w;
            int b = a + w;
            int o = y * ow;
            for (int x = 0; x < ow; x++, a += 2, b += 2) {
                int p = src[a];
                int q = src[a + 1];
                int r = src[b];
                int s = src[b + 1];
                // Red and blue share one sum, green another: each 8-bit channel has 2 bits of headroom for 4 terms.
                int rb = (p & 0xFF00FF) + (q & 0xFF00FF) + (r & 0xFF00FF) + (s & 0xFF00FF) + 0x020002;
                int g = (p & 0xFF00) + (q & 0xFF00) + (r & 0xFF00) + (s & 0xFF00) + 0x0200;
                out[o + x] = ((rb >> 2) & 0xFF00FF) | ((g >> 2) & 0xFF00);
            }
        }
        return out;
    }

    private static int[] halveBgr(byte[] src, int w, int h) {
        int ow = w / 2;
        int oh = h / 2;
        int[] out = new int[ow * oh];
        int stride = 3 * w;
        for (int y = 0; y < oh; y++) {
            int a = 2 * y * stride;
            int b = a + stride;
            int o = y * ow;
            for (int x = 0; x < ow; x++, a += 6, b += 6) {
                int blue = (src[a] & 0xFF) + (src[a + 3] & 0xFF) + (src[b] & 0xFF) + (src[b + 3] & 0xFF) + 2;
                int green = (src[a + 1] & 0xFF) + (src[a + 4] & 0xFF) + (src[b + 1] & 0xFF) + (src[b + 4] & 0xFF) + 2;
                int red = (src[a + 2] & 0xFF) + (src[a + 5] & 0xFF) + (src[b + 2] & 0xFF) + (src[b + 5] & 0xFF) + 2;
                out[o + x] = ((red >> 2) << 16) | ((green >> 2) << 8) | (blue >> 2);
            }
        }
        return out;
    }

    private static int[] bgrToRgb(byte[] src, int w, int h) {
        int[] out = new int[w * h];
        for (int i = 0, j = 0; i < out.length; i++, j += 3) {
            out[i] = ((src[j + 2] & 0xFF) << 16) | ((src[j + 1] & 0xFF) << 8) | (src[j] & 0xFF);
        }
        return out;
    }

    /** Separable triangle filter, horizontal pass then vertical, in 12-bit fixed point. */
    private static int[] triangle(int[] src, int w, int h, int ow, int oh) {
        Kernel horizontal = Kernel.of(w, ow);
        int[] rows = new int[ow * h];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < ow; x++) {
                rows[y * ow + x] = horizontal.apply(src, row, 1, x);
            }
        }
        Kernel vertical = Kernel.of(h, oh);
        int[] out = new int[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                out[y * ow + x] = vertical.apply(rows, x, ow, y);
            }
        }
        return out;
    }

    /** For each output index: the first source index and the weights of the source pixels it covers. */
    private record Kernel(int[] first, int[][] weights) {

        static Kernel of(int in, int out) {
            double scale = (double) in / out;
            double support = Math.max(1.0, scale);
            int[] first = new int[out];
            int[][] weights = new int[out][];
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale;
                int from = Math.max(0, (int) Math.floor(centre - support));
                int to = Math.min(in, (int) Math.ceil(centre + support));
                double[] w = new double[to - from];
                double sum = 0;
                for (int j = from; j < to; j++) {
                    double t = Math.abs(j + 0.5 - centre) / support;
                    w[j - from] = Math.max(0, 1 - t);
                    sum += w[j - from];
                }
                int[] fixed = new int[w.length];
                int total = 0;
                int largest = 0;
                for (int k = 0; k < w.length; k++) {
                    fixed[k] = (int) Math.round(w[k] / sum * ONE);
                    total += fixed[k];
                    largest = fixed[k] > fixed[largest] ? k : largest;
                }
                fixed[largest] += ONE - total; // weights sum to exactly one: flat areas keep their value
                first[i] = from;
                weights[i] = fixed;
            }
            return new Kernel(first, weights);
        }

        /** Filters the pixels at {@code base + step * (first + k)}. */
        int apply(int[] pixels, int base, int step, int index) {
            int[] w = weights[index];
            int at = base + step * first[index];
            int r = ONE / 2;
            int g = ONE / 2;
            int b = ONE / 2;
            for (int k = 0; k < w.length; k++, at += step) {
                int p = pixels[at];
                r += ((p >> 16) & 0xFF) * w[k];
                g += ((p >> 8) & 0xFF) * w[k];
                b += (p & 0xFF) * w[k];
            }
            return (Math.min(255, r >> BITS) << 16) | (Math.min(255, g >> BITS) << 8) | Math.min(255, b >> BITS);
        }
    }

    /** Other layouts (grey, and anything unusual) go through Java2D: rare enough that its speed does not matter. */
    private static BufferedImage java2d(BufferedImage source, int width, int height) {
        BufferedImage current = source;
        while (current.getWidth() >= 2 * width && current.getHeight() >= 2 * height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == width && current.getHeight() == height ? current : draw(current, width, height);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        int type = source.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(width, height, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
