package org.gallery.imaging;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes the first frame of an image with ImageIO (TwelveMonkeys' readers take precedence for JPEG, so CMYK,
 * YCCK and Adobe's inverted CMYK come out as RGB). Reads only every n-th pixel when the output is much smaller:
 * the JPEG decoder still decodes every block, but colour conversion, memory and later resampling shrink by n².
 */
final class ImageDecoder implements AutoCloseable {

    private final ImageInputStream input;
    private final ImageReader reader;
    /** An ICC profile the reader does not apply itself, or null. */
    private byte[] profile;
    private final List<String> warnings = new ArrayList<>();

    private ImageDecoder(ImageInputStream input, ImageReader reader) {
        this.input = input;
        this.reader = reader;
    }

    static ImageDecoder open(Path file, ImageFormat format) {
        ImageInputStream input = null;
        try {
            input = new FileImageInputStream(file.toFile());
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_TYPE,
                        "No Java decoder for " + format + " images is available");
            }
            ImageReader reader = readers.next();
            reader.setInput(input, false, false);
            ImageDecoder decoder = new ImageDecoder(input, reader);
            if (format == ImageFormat.PNG) {
                decoder.profile = PngProfile.read(file);
            }
            reader.addIIOReadWarningListener((source, warning) -> decoder.warnings.add(warning));
            input = null;
            return decoder;
        } catch (IOException e) {
            throw corrupt(format + " image", e);
        } finally {
            closeQuietly(input);
        }
    }

    /** Size of the stored (not yet oriented) first frame. */
    int width() {
        try {
            return reader.getWidth(0);
        } catch (IOException | RuntimeException e) {
            throw corrupt("header", e);
        }
    }

    int height() {
        try {
            return reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw corrupt("header", e);
        }
    }

    /**
     * Decodes {@code region} (stored pixels; null for all) with enough pixels left for a result whose long edge is
     * {@code targetLongEdge} (0 for full resolution): at least twice that, so the final resize still smooths.
     */
    BufferedImage read(Rectangle region, int targetLongEdge) {
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            int width = region == null ? width() : region.width;
            int height = region == null ? height() : region.height;
            if (region != null) {
                param.setSourceRegion(region);
            }
            if (targetLongEdge > 0) {
                int step = Math.max(1, Math.max(width, height) / (2 * targetLongEdge));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
            }
            BufferedImage image = reader.read(0, param);
            return profile == null ? image : Colours.withRgbProfile(image, profile);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            throw corrupt("image data", e);
        }
    }

    /**
     * Fails when the last read ran out of data. Decoders fill missing data with grey and only warn; like libvips
     * with fail_on=truncated, only a file cut short counts as damaged, not a stray byte between segments.
     */
    void requireComplete() {
        for (String warning : warnings) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("premature end") || w.contains("truncat") || w.contains("eof")) {
                throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                        "The image is damaged or truncated: " + warning);
            }
        }
    }

    String readerName() {
        return reader.getClass().getName();
    }

    @Override
    public void close() {
        reader.dispose();
        closeQuietly(input);
    }

    private static ImageRejectedException corrupt(String what, Exception cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        var rejected = new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                "The " + what + " cannot be decoded: " + detail);
        rejected.initCause(cause);
        return rejected;
    }

    private static void closeQuietly(ImageInputStream input) {
        if (input != null) {
            try {
                input.close();
            } catch (IOException ignored) {
                // nothing was written, nothing to lose
            }
        }
    }
}
