package org.gallery.imaging;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Two 64-bit perceptual hashes of an image's pixels: near-identical images (the same shot resized, re-encoded,
 * slightly cropped or brightened) have hashes a few bits apart, different images about 32 bits apart.
 *
 * <p>{@code phash}: the signs, against their median, of the 8x8 lowest non-constant frequencies of a 32x32 DCT of
 * the luma. Uniform brightness changes move only the constant term, which is left out; small crops move the low
 * frequencies little. {@code dhash}: whether each of 8x8 luma cells is darker than its right neighbour, on a 9x8
 * reduction; cheaper and independent of the first, a second opinion.
 *
 * <p>Both are computed from the smallest thumbnail's pixels (any size from 32 px up gives nearly the same bits), so
 * the engines need no decode of their own for it.
 */
public record PixelHash(long phash, long dhash) {

    private static final int DCT_SIZE = 32;
    private static final int LOW = 8;
    private static final double[][] COS = new double[LOW + 1][DCT_SIZE];

    static {
        for (int u = 0; u <= LOW; u++) {
            for (int x = 0; x < DCT_SIZE; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * DCT_SIZE));
            }
        }
    }

    /** Bits that differ: 0 for the same picture, about 32 for unrelated ones. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** From an opaque image of any type. */
    public static PixelHash of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getRaster().getNumBands() == 1) {
            // the samples as stored: getRGB would pass grey through Java's linear grey space
            float[] grey = image.getRaster().getSamples(0, 0, w, h, 0, new float[w * h]);
            if (image.getSampleModel().getSampleSize(0) > 8) {
                float scale = 255f / ((1 << image.getSampleModel().getSampleSize(0)) - 1);
                for (int i = 0; i < grey.length; i++) {
                    grey[i] *= scale;
                }
            }
            return ofLuma(grey, w, h);
        }
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] luma = new float[w * h];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            luma[i] = luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
        }
        return ofLuma(luma, w, h);
    }

    /** From 8-bit samples, band-interleaved, one band (grey) or three or more (RGB first). */
    public static PixelHash of(byte[] samples, int width, int height, int bands) {
        float[] luma = new float[width * height];
        for (int i = 0; i < luma.length; i++) {
            int o = i * bands;
            luma[i] = bands < 3 ? samples[o] & 0xff
                    : luma(samples[o] & 0xff, samples[o + 1] & 0xff, samples[o + 2] & 0xff);
        }
        return ofLuma(luma, width, height);
    }

    private static float luma(int r, int g, int b) {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }

    static PixelHash ofLuma(float[] luma, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("No pixels to hash");
        }
        return new PixelHash(phash(shrink(luma, width, height, DCT_SIZE, DCT_SIZE)),
                dhash(shrink(luma, width, height, LOW + 1, LOW)));
    }

    private static long phash(float[] small) {
        // rows first: tmp[v][x] = sum over y of cos(v, y) * f(x, y), only for the frequencies kept
        double[][] rows = new double[LOW + 1][DCT_SIZE];
        for (int v = 1; v <= LOW; v++) {
            for (int y = 0; y < DCT_SIZE; y++) {
                double c = COS[v][y];
                for (int x = 0; x < DCT_SIZE; x++) {
                    rows[v][x] += c * small[y * DCT_SIZE + x];
                }
            }
        }
        double[] coefficients = new double[LOW * LOW];
        for (int v = 1; v <= LOW; v++) {
            for (int u = 1; u <= LOW; u++) {
                double sum = 0;
                for (int x = 0; x < DCT_SIZE; x++) {
                    sum += COS[u][x] * rows[v][x];
                }
                coefficients[(v - 1) * LOW + (u - 1)] = sum;
            }
        }
        double[] sorted = coefficients.clone();
        Arrays.sort(sorted);
        double median = (sorted[LOW * LOW / 2 - 1] + sorted[LOW * LOW / 2]) / 2;
        long bits = 0;
        for (int i = 0; i < coefficients.length; i++) {
            if (coefficients[i] > median) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    private static long dhash(float[] small) {
        long bits = 0;
        int i = 0;
        for (int y = 0; y < LOW; y++) {
            for (int x = 0; x < LOW; x++) {
                if (small[y * (LOW + 1) + x] < small[y * (LOW + 1) + x + 1]) {
                    bits |= 1L << i;
                }
                i++;
            }
        }
        return bits;
    }

    /** Area average to {@code tw x th}: every source pixel counts by the part of it each target cell covers. */
    private static float[] shrink(float[] src, int w, int h, int tw, int th) {
        float[] across = new float[tw * h];
        for (int y = 0; y < h; y++) {
            for (int tx = 0; tx < tw; tx++) {
                across[y * tw + tx] = average(src, y * w, 1, w, tx, tw);
            }
        }
        float[] out = new float[tw * th];
        for (int tx = 0; tx < tw; tx++) {
            for (int ty = 0; ty < th; ty++) {
                out[ty * tw + tx] = average(across, tx, tw, h, ty, th);
            }
        }
        return out;
    }

    /** Mean of the {@code n} samples at {@code base + k * stride} that target cell {@code t} of {@code cells} covers. */
    private static float average(float[] values, int base, int stride, int n, int t, int cells) {
        double start = (double) t * n / cells;
        double end = (double) (t + 1) * n / cells;
        double sum = 0;
        for (int p = (int) Math.floor(start); p < Math.min(n, (int) Math.ceil(end)); p++) {
            double overlap = Math.min(end, p + 1) - Math.max(start, p);
            sum += overlap * values[base + p * stride];
        }
        return (float) (sum / (end - start));
    }
}
