package org.gallery.imaging;

import java.awt.image.BufferedImage;

/**
 * The Java engine's measure of where a picture is interesting: luminance gradient (detail) plus saturation,
 * summed per column and per row of a small preview; the centre is the middle of the window of the wanted size that
 * holds the most of it. Simpler than libvips' attention model (no skin tones, no blur), and deterministic.
 */
final class DetailCentre {

    private DetailCentre() {
    }

    /** {x, y} in preview pixels of the centre of the {@code windowW x windowH} window with the most detail. */
    static double[] of(BufferedImage preview, int windowW, int windowH) {
        int w = preview.getWidth();
        int h = preview.getHeight();
        double[][] energy = energy(preview);
        double[] columns = new double[w];
        double[] rows = new double[h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                columns[x] += energy[y][x];
                rows[y] += energy[y][x];
            }
        }
        int length = Math.max(1, Math.min(windowW, w));
        int height = Math.max(1, Math.min(windowH, h));
        return new double[] {bestStart(columns, length) + length / 2.0, bestStart(rows, height) + height / 2.0};
    }

    private static double[][] energy(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        double[][] luma = new double[h][w];
        double[][] energy = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                luma[y][x] = 0.299 * r + 0.587 * g + 0.114 * b;
                energy[y][x] = 0.5 * (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)));
            }
        }
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                energy[y][x] += Math.abs(luma[y][x + 1] - luma[y][x - 1]) + Math.abs(luma[y + 1][x] - luma[y - 1][x]);
            }
        }
        return energy;
    }

    /** The start of the window of {@code length} with the largest sum; ties go to the centre. */
    private static int bestStart(double[] sums, int length) {
        int n = sums.length;
        double window = 0;
        for (int i = 0; i < length; i++) {
            window += sums[i];
        }
        int best = 0;
        double bestValue = window;
        double centre = (n - length) / 2.0;
        for (int start = 1; start + length <= n; start++) {
            window += sums[start + length - 1] - sums[start - 1];
            if (window > bestValue + 1e-9 || (Math.abs(window - bestValue) <= 1e-9
                    && Math.abs(start - centre) < Math.abs(best - centre))) {
                bestValue = window;
                best = start;
            }
        }
        return best;
    }
}
