package org.gallery.search.embedding;

import java.awt.image.BufferedImage;

/**
 * An image as CLIP-style models take it: the shortest side resized to {@code size} (bicubic, antialiased, as Pillow
 * resamples: horizontal pass, then vertical, each rounded to bytes), the centre {@code size}×{@code size} cropped
 * (torchvision's CenterCrop), scaled to 0..1 and normalised by the model's mean and standard deviation, channels
 * first (RGB).
 */
final class ClipPreprocessor {

    private final int size;
    private final float[] mean;
    private final float[] std;

    ClipPreprocessor(int size, float[] mean, float[] std) {
        this.size = size;
        this.mean = mean;
        this.std = std;
    }

    int size() {
        return size;
    }

    /** Writes the image's {@code 3 × size × size} values into {@code out} from {@code offset}. */
    void tensor(BufferedImage image, float[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        int nw;
        int nh;
        if (w <= h) {
            nw = size;
            nh = (int) ((long) size * h / w);
        } else {
            nh = size;
            nw = (int) ((long) size * w / h);
        }
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        int[][] channels = new int[3][w * h];
        for (int i = 0; i < rgb.length; i++) {
            channels[0][i] = (rgb[i] >> 16) & 0xff;
            channels[1][i] = (rgb[i] >> 8) & 0xff;
            channels[2][i] = rgb[i] & 0xff;
        }
        int top = (int) Math.round((nh - size) / 2.0);
        int left = (int) Math.round((nw - size) / 2.0);
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            int[] resized = channels[c];
            if (nw != w || nh != h) {
                resized = resample(resample(channels[c], w, h, nw, true), nw, h, nh, false);
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float v = resized[(y + top) * nw + x + left] / 255f;
                    out[offset + c * plane + y * size + x] = (v - mean[c]) / std[c];
                }
            }
        }
    }

    /**
     * One pass of Pillow's antialiased bicubic resampling (a = -0.5) along x ({@code horizontal}) or y, from
     * {@code inSize} to {@code outSize}; {@code width}/{@code height} are the source's.
     */
    private static int[] resample(int[] src, int width, int height, int outSize, boolean horizontal) {
        int inSize = horizontal ? width : height;
        int other = horizontal ? height : width;
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = 2.0 * filterScale;
        int[] out = new int[outSize * other];
        for (int o = 0; o < outSize; o++) {
            double centre = (o + 0.5) * scale;
            int min = Math.max((int) (centre - support + 0.5), 0);
            int max = Math.min((int) (centre + support + 0.5), inSize);
            double[] weights = new double[max - min];
            double total = 0;
            for (int i = min; i < max; i++) {
                weights[i - min] = cubic((i - centre + 0.5) / filterScale);
                total += weights[i - min];
            }
            for (int j = 0; j < other; j++) {
                double sum = 0;
                for (int i = min; i < max; i++) {
                    int index = horizontal ? j * width + i : i * width + j;
                    sum += weights[i - min] * src[index];
                }
                double v = total == 0 ? sum : sum / total;
                int value = (int) Math.max(0, Math.min(255, Math.floor(v + 0.5)));
                out[horizontal ? j * outSize + o : o * width + j] = value;
            }
        }
        return out;
    }

    private static double cubic(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0;
    }
}
