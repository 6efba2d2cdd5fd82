package org.gallery.imaging;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * libvips through the JDK's foreign function API: the fastest engine measured here (JPEG shrink-on-load,
 * SIMD resampling), and the one with the best colour handling. Needs the system's libvips 8.x.
 */
public final class VipsEngine implements ImagingEngine {

    /** Long edge of the image the attention model looks at: plenty for a region, cheap to compute. */
    private static final int SMART_CROP_PREVIEW = 256;

    private final VipsLibrary vips;
    private final VipsOperations ops;
    private final VipsInk ink;
    private final Set<ImageFormat> formats = EnumSet.noneOf(ImageFormat.class);
    /**
     * BMP goes to the pure-Java readers: libvips reads it only through ImageMagick, which libvips itself flags as
     * untrusted (a large decoder for a simple format, not one to expose to uploads), and which may be missing.
     */
    private final JavaEngine bmp = new JavaEngine();

    public VipsEngine() {
        this.vips = VipsLibrary.get();
        this.ops = vips == null ? null : new VipsOperations(vips);
        this.ink = vips == null ? null : new VipsInk(vips);
        if (ops != null) {
            for (ImageFormat format : ImageFormat.values()) {
                if (format == ImageFormat.BMP ? bmp.supports(format) : ops.hasOperation(loader(format))) {
                    formats.add(format);
                }
            }
        }
    }

    @Override
    public String id() {
        return "vips";
    }

    @Override
    public String version() {
        return vips == null ? "unavailable" : "libvips " + vips.version();
    }

    @Override
    public String initializationError() {
        return vips == null ? VipsLibrary.loadError() : null;
    }

    @Override
    public boolean supports(ImageFormat format) {
        return formats.contains(format);
    }

    /** The libvips loader for a format; each is optional when libvips is built. */
    private static String loader(ImageFormat format) {
        return switch (format) {
            case JPEG -> "jpegload";
            case PNG -> "pngload";
            case GIF -> "gifload";
            case WEBP -> "webpload";
            case TIFF -> "tiffload";
            case BMP -> throw new IllegalArgumentException("BMP is read by the Java readers");
            // libheif decodes AVIF only when it was built with an AV1 decoder, which the loader cannot tell.
            case HEIC, AVIF -> "heifload";
        };
    }

    @Override
    public Thumbnails thumbnails(Path source, List<Integer> longEdges, int quality) {
        if (isBmp(source)) {
            return bmp.thumbnails(source, longEdges, quality);
        }
        List<Integer> sizes = Fit.largestFirst(longEdges);
        Fit.requireQuality(quality);
        requireUsable(source);
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        VipsImage previous = null;
        PixelHash hash;
        try (VipsImage first = largest(source, sizes.getFirst(), true); VipsImage flat = ops.opaque(first)) {
            // each size is resized from the one before, held in memory (256 from 512, not from 1024: a third less
            // work for the smaller sizes, measured on the bench corpus)
            previous = ops.copyMemory(flat);
            out.put(sizes.getFirst(), ops.jpeg(previous, quality));
            for (int i = 1; i < sizes.size(); i++) {
                try (VipsImage resized = ops.resize(previous, sizes.get(i))) {
                    VipsImage next = i + 1 < sizes.size() ? ops.copyMemory(resized) : resized.share();
                    previous.close();
                    previous = next;
                }
                out.put(sizes.get(i), ops.jpeg(previous, quality));
            }
            // the smallest size, still in memory: its pixels are a few thousand bytes to copy out
            hash = VipsPixelHash.of(vips, previous, out.get(sizes.getLast()));
        } finally {
            if (previous != null) {
                previous.close();
            }
        }
        return new Thumbnails(Fit.inRequestedOrder(longEdges, out), hash);
    }

    @Override
    public byte[] render(Path source, CropRect crop, int maxLongEdge, int quality) {
        if (isBmp(source)) {
            return bmp.render(source, crop, maxLongEdge, quality);
        }
        Fit.requireQuality(quality);
        requireUsable(source);
        int edge = maxLongEdge > 0 ? maxLongEdge : VipsLibrary.MAX_COORD;
        if (crop == null) {
            try (VipsImage image = largest(source, edge, false); VipsImage flat = ops.opaque(image)) {
                return ops.jpeg(flat, quality);
            }
        }
        Colour colour = colour(source);
        try (VipsImage stored = ops.open(source); VipsImage upright = ops.autorotate(stored)) {
            crop.requireInside(upright.width(), upright.height());
            try (VipsImage cropped = ops.crop(upright, crop);
                    VipsImage srgb = cmykToSrgb(colour, cropped);
                    VipsImage sized = ops.thumbnail(srgb, edge, colour == Colour.EXPORT_SRGB);
                    VipsImage flat = ops.opaque(sized)) {
                return ops.jpeg(flat, quality);
            }
        }
    }

    /**
     * The image decoded at its output size, upright and in sRGB; with {@code strict} a file cut short fails when
     * the pixels are read.
     */
    private VipsImage largest(Path source, int edge, boolean strict) {
        ImageFormat format = ImageProbe.sniff(source);
        Colour colour;
        int shrink = 1;
        // one look at the header for both: each open of a JPEG parses its markers and EXIF again
        try (VipsImage header = ops.open(source)) {
            colour = colour(header);
            if (format == ImageFormat.JPEG) {
                shrink = jpegShrink(Math.max(header.width(), header.height()), edge);
            }
        }
        if (colour == Colour.CMYK_PROFILE || colour == Colour.CMYK_PLAIN) {
            // libvips 8.14's thumbnail converts CMYK with its built-in profile, whether or not the file embeds its
            // own, so these images are converted here before resizing.
            try (VipsImage stored = ops.open(source, strict, shrink, false);
                    VipsImage upright = ops.autorotate(stored);
                    VipsImage srgb = cmykToSrgb(colour, upright)) {
                return ops.thumbnail(srgb, edge, false);
            }
        }
        if (format != ImageFormat.JPEG && format != ImageFormat.PNG) {
            // WebP and HEIF shrink on load inside libvips' thumbnail; GIF and TIFF are rare enough to leave to it
            return ops.thumbnail(source, edge, colour == Colour.EXPORT_SRGB, strict);
        }
        // libvips' own shrink-on-load stops at twice the output size; the JPEG decoder's scaled-down DCT is a proper
        // low-pass, so decoding down to the output size itself looks the same and decodes up to four times fewer
        // pixels (measured with bench/thumbnail_job.sh)
        try (VipsImage stored = ops.open(source, strict, shrink, true); VipsImage sized = ops.resize(stored, edge)) {
            // already at size: this turns it upright and converts its colours
            return ops.thumbnail(sized, edge, colour == Colour.EXPORT_SRGB);
        }
    }

    /** The largest scale-down (1, 2, 4 or 8) the JPEG decoder can make while the long edge stays at least {@code edge}. */
    static int jpegShrink(int longest, int edge) {
        int shrink = 1;
        while (shrink < 8 && longest / (shrink * 2) >= edge) {
            shrink *= 2;
        }
        return shrink;
    }

    @Override
    public int[] headerSize(Path source) {
        if (isBmp(source)) {
            return bmp.headerSize(source);
        }
        requireUsable(source);
        try (VipsImage stored = ops.open(source); VipsImage upright = ops.autorotate(stored)) {
            return new int[] {upright.width(), upright.height()};
        }
    }

    @Override
    public CropRect smartCrop(Path source, int ratioW, int ratioH) {
        if (isBmp(source)) {
            return bmp.smartCrop(source, ratioW, ratioH);
        }
        requireUsable(source);
        int width;
        int height;
        try (VipsImage stored = ops.open(source); VipsImage upright = ops.autorotate(stored)) {
            width = upright.width();
            height = upright.height();
        }
        int[] window = CropWindow.largest(width, height, ratioW, ratioH);
        try (VipsImage preview = largest(source, SMART_CROP_PREVIEW, false); VipsImage flat = ops.opaque(preview)) {
            double scaleX = (double) flat.width() / width;
            double scaleY = (double) flat.height() / height;
            int[] centre = ops.attentionCentre(flat,
                    Math.clamp(Math.round(window[0] * scaleX), 1, flat.width()),
                    Math.clamp(Math.round(window[1] * scaleY), 1, flat.height()));
            return CropWindow.around(width, height, window, (centre[0] + 0.5) / scaleX, (centre[1] + 0.5) / scaleY);
        }
    }

    /** CMYK through its profile or the plain ink formula; anything else as it is. */
    private VipsImage cmykToSrgb(Colour colour, VipsImage image) {
        return switch (colour) {
            case CMYK_PROFILE -> ops.toSrgb(image);
            case CMYK_PLAIN -> ink.toSrgb(image);
            default -> image.share();
        };
    }

    /** How the pixels become sRGB. */
    private enum Colour {
        /** sRGB already, or grey, or no profile: nothing to convert. */
        AS_IS,
        /** Converted by libvips' thumbnail from the embedded profile. */
        EXPORT_SRGB,
        /** CMYK with its own profile, which the thumbnail operation of libvips 8.14 would ignore. */
        CMYK_PROFILE,
        /** CMYK without a profile: the plain ink formula browsers use, not libvips' built-in press profile. */
        CMYK_PLAIN
    }

    /** Reads the header only. */
    private Colour colour(Path source) {
        try (VipsImage header = ops.open(source)) {
            return colour(header);
        }
    }

    private Colour colour(VipsImage header) {
        byte[] icc = ops.iccProfile(header);
        if (header.interpretation() == VipsLibrary.INTERPRETATION_CMYK) {
            return icc != null ? Colour.CMYK_PROFILE : Colour.CMYK_PLAIN;
        }
        return icc != null && IccProfiles.needsConversion(icc) ? Colour.EXPORT_SRGB : Colour.AS_IS;
    }

    private boolean isBmp(Path source) {
        return ops != null && ImageProbe.sniff(source) == ImageFormat.BMP;
    }

    private void requireUsable(Path source) {
        if (ops == null) {
            throw new IllegalStateException(initializationError());
        }
        ImageFormat format = ImageProbe.sniff(source);
        if (!supports(format)) {
            throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_TYPE,
                    "This libvips cannot read " + format + " images");
        }
    }
}
