package org.gallery.crop;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.gallery.image.Image;
import org.gallery.image.ImageService;
import org.gallery.imaging.ImagingEngine;
import org.gallery.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * Proposes a crop of a given aspect ratio around the most interesting region: the largest window of that ratio,
 * slid to where a small preview has the most detail (edges) and colour. The preview comes from the imaging engine,
 * so the answer is in pixels of the upright image whichever engine runs.
 */
@Service
class CropSuggestions {

    record Suggestion(int x, int y, int width, int height, String aspectRatio) {
    }

    private static final int PREVIEW = 256;

    private final ImageService images;
    private final ImagingEngine engine;

    CropSuggestions(ImageService images, ImagingEngine engine) {
        this.images = images;
        this.engine = engine;
    }

    Suggestion suggest(UUID imageId, String aspectRatio) {
        int[] ratio = parse(aspectRatio);
        Image image = images.get(imageId);
        BufferedImage preview = preview(imageId);
        double[][] energy = energy(preview);
        int pw = preview.getWidth();
        int ph = preview.getHeight();
        // the window of the requested ratio as large as the image allows, in full-size pixels
        int width = image.width();
        int height = (int) Math.round((double) width * ratio[1] / ratio[0]);
        if (height > image.height()) {
            height = image.height();
            width = Math.max(1, Math.min(image.width(), (int) Math.round((double) height * ratio[0] / ratio[1])));
        }
        double scaleX = (double) pw / image.width();
        double scaleY = (double) ph / image.height();
        int x = 0;
        int y = 0;
        if (width < image.width()) {
            x = (int) Math.round(bestStart(columnSums(energy, pw, ph), (int) Math.round(width * scaleX)) / scaleX);
            x = Math.max(0, Math.min(x, image.width() - width));
        }
        if (height < image.height()) {
            y = (int) Math.round(bestStart(rowSums(energy, pw, ph), (int) Math.round(height * scaleY)) / scaleY);
            y = Math.max(0, Math.min(y, image.height() - height));
        }
        return new Suggestion(x, y, width, height, ratio[0] + ":" + ratio[1]);
    }

    private BufferedImage preview(UUID imageId) {
        byte[] jpeg = engine.render(images.original(imageId).file(), null, PREVIEW, 90);
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Detail (luminance gradient) plus saturation: where people look, roughly. */
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
                int max = Math.max(r, Math.max(g, b));
                int min = Math.min(r, Math.min(g, b));
                energy[y][x] = 0.5 * (max - min);
            }
        }
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                energy[y][x] += Math.abs(luma[y][x + 1] - luma[y][x - 1]) + Math.abs(luma[y + 1][x] - luma[y - 1][x]);
            }
        }
        return energy;
    }

    private static double[] columnSums(double[][] e, int w, int h) {
        double[] sums = new double[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sums[x] += e[y][x];
            }
        }
        return sums;
    }

    private static double[] rowSums(double[][] e, int w, int h) {
        double[] sums = new double[h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sums[y] += e[y][x];
            }
        }
        return sums;
    }

    /** The start of the window of {@code length} with the largest sum; ties go to the centre. */
    private static int bestStart(double[] sums, int length) {
        int n = sums.length;
        length = Math.max(1, Math.min(length, n));
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

    private static int[] parse(String aspectRatio) {
        String value = aspectRatio == null ? "" : aspectRatio.strip();
        String[] parts = value.split("[:x/]");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].strip());
                int h = Integer.parseInt(parts[1].strip());
                if (w > 0 && h > 0 && w <= 1000 && h <= 1000) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidField("aspect_ratio", "'" + value + "' is not a ratio like 1:1, 4:3 or 16:9");
    }
}
