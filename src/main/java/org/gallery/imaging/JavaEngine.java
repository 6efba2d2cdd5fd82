package org.gallery.imaging;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Pure Java: ImageIO with TwelveMonkeys' readers, Java2D resampling, metadata-extractor for orientation. Needs
 * nothing installed; about three times slower than libvips because no Java JPEG decoder scales in the DCT domain.
 */
public final class JavaEngine implements ImagingEngine {

    private static final int SMART_CROP_PREVIEW = 256;

    public JavaEngine() {
        // Registers readers found on the class path even when ImageIO was first touched from a thread whose
        // class loader could not see them (the case in a Spring Boot jar).
        ImageIO.scanForPlugins();
    }

    @Override
    public String id() {
        return "java";
    }

    @Override
    public String version() {
        String twelveMonkeys = implementationVersion("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader");
        return "ImageIO (Java " + Runtime.version().feature() + ")"
                + (twelveMonkeys == null ? "" : " + TwelveMonkeys " + twelveMonkeys);
    }

    @Override
    public String initializationError() {
        return null;
    }

    @Override
    public boolean supports(ImageFormat format) {
        return switch (format) {
            case JPEG, PNG, GIF, BMP -> true;
            case WEBP, TIFF -> ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT)).hasNext();
            case HEIC, AVIF -> false;
        };
    }

    @Override
    public Thumbnails thumbnails(Path source, List<Integer> longEdges, int quality) {
        List<Integer> sizes = Fit.largestFirst(longEdges);
        Fit.requireQuality(quality);
        Decoded decoded = decode(source, sizes.getFirst(), true);
        int orientation = decoded.orientation();
        int width = decoded.storedWidth();
        int height = decoded.storedHeight();
        BufferedImage image = decoded.image();
        // Every size is computed from the full-resolution dimensions: the subsampled decode and each step of the
        // cascade would otherwise add their own rounding.
        int[] first = Fit.within(width, height, sizes.getFirst());
        image = Resampler.scale(Colours.toOpaqueSrgb(image), first[0], first[1]);
        image = Orientation.upright(image, orientation);
        boolean swap = Orientation.swapsAxes(orientation);
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        for (int size : sizes) {
            int[] target = Fit.within(swap ? height : width, swap ? width : height, size);
            image = Resampler.scale(image, target[0], target[1]);
            out.put(size, JpegEncoder.encode(image, quality));
        }
        // the loop ends on the smallest size
        return new Thumbnails(Fit.inRequestedOrder(longEdges, out), PixelHash.of(image));
    }

    @Override
    public byte[] render(Path source, CropRect crop, int maxLongEdge, int quality) {
        Fit.requireQuality(quality);
        ImageFormat format = requireSupported(source);
        int orientation = Orientation.read(source, format);
        Rectangle region;
        BufferedImage image;
        try (ImageDecoder decoder = ImageDecoder.open(source, format)) {
            region = new Rectangle(0, 0, decoder.width(), decoder.height());
            if (crop != null) {
                boolean swap = Orientation.swapsAxes(orientation);
                int width = swap ? region.height : region.width;
                int height = swap ? region.width : region.height;
                crop.requireInside(width, height);
                region = Orientation.toStored(crop, width, height, orientation);
            }
            image = decoder.read(region, Math.max(0, maxLongEdge));
        }
        int[] target = Fit.within(region.width, region.height, maxLongEdge);
        image = Resampler.scale(Colours.toOpaqueSrgb(image), target[0], target[1]);
        return JpegEncoder.encode(Orientation.upright(image, orientation), quality);
    }

    @Override
    public int[] headerSize(Path source) {
        ImageFormat format = requireSupported(source);
        int orientation = Orientation.read(source, format);
        try (ImageDecoder decoder = ImageDecoder.open(source, format)) {
            return Orientation.swapsAxes(orientation)
                    ? new int[] {decoder.height(), decoder.width()}
                    : new int[] {decoder.width(), decoder.height()};
        }
    }

    @Override
    public CropRect smartCrop(Path source, int ratioW, int ratioH) {
        Decoded decoded = decode(source, SMART_CROP_PREVIEW, false);
        int orientation = decoded.orientation();
        int storedW = decoded.storedWidth();
        int storedH = decoded.storedHeight();
        BufferedImage preview = decoded.image();
        int[] size = Fit.within(storedW, storedH, SMART_CROP_PREVIEW);
        preview = Orientation.upright(Resampler.scale(Colours.toOpaqueSrgb(preview), size[0], size[1]), orientation);
        boolean swap = Orientation.swapsAxes(orientation);
        int width = swap ? storedH : storedW;
        int height = swap ? storedW : storedH;
        int[] window = CropWindow.largest(width, height, ratioW, ratioH);
        double scaleX = (double) preview.getWidth() / width;
        double scaleY = (double) preview.getHeight() / height;
        double[] centre = DetailCentre.of(preview, (int) Math.round(window[0] * scaleX),
                (int) Math.round(window[1] * scaleY));
        return CropWindow.around(width, height, window, centre[0] / scaleX, centre[1] / scaleY);
    }

    /** The whole image decoded with enough pixels for {@code targetLongEdge}, as stored (not yet upright). */
    private record Decoded(BufferedImage image, int storedWidth, int storedHeight, int orientation) {
    }

    /** With {@code strict} a file cut short is refused instead of coming out grey where data is missing. */
    private Decoded decode(Path source, int targetLongEdge, boolean strict) {
        ImageFormat format = requireSupported(source);
        int orientation = Orientation.read(source, format);
        try (ImageDecoder decoder = ImageDecoder.open(source, format)) {
            BufferedImage image = decoder.read(null, targetLongEdge);
            if (strict) {
                decoder.requireComplete();
            }
            return new Decoded(image, decoder.width(), decoder.height(), orientation);
        }
    }

    private ImageFormat requireSupported(Path source) {
        ImageFormat format = ImageProbe.sniff(source);
        if (!supports(format)) {
            throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_TYPE,
                    "The Java engine cannot read " + format + " images; IMAGE_ENGINE=vips can");
        }
        return format;
    }

    private static String implementationVersion(String className) {
        try {
            return Class.forName(className).getPackage().getImplementationVersion();
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }
}
