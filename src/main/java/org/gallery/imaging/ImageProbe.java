package org.gallery.imaging;

import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image's facts from its header without decoding the pixels, so a decompression bomb is refused before
 * any memory is spent on it.
 */
public final class ImageProbe {

    private final long maxPixels;
    private final Supplier<ImagingEngine> engine;

    /** Without an engine: HEIC and AVIF, whose headers only an engine can read, are refused as unsupported. */
    public ImageProbe(long maxPixels) {
        this(maxPixels, () -> null);
    }

    /** {@code engine} reads the headers of HEIC and AVIF files when they come; it is not asked for anything else. */
    public ImageProbe(long maxPixels, Supplier<ImagingEngine> engine) {
        this.maxPixels = maxPixels;
        this.engine = engine;
    }

    public ImageFacts probe(Path file) {
        ImageFormat format = sniff(file);
        Metadata metadata = FileMetadata.read(file, format);
        if (format == ImageFormat.HEIC || format == ImageFormat.AVIF) {
            // libheif applies the container's own rotation and mirroring; an EXIF orientation in a HEIF file is
            // informational and must not turn the image again
            ImagingEngine reader = heifReader(format);
            long stored = HeifExtents.largestStoredPixels(file);
            if (stored <= 0) {
                throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                        "The " + format + " file declares no image size");
            }
            if (stored > maxPixels) {
                throw new ImageRejectedException(ImageRejectedException.Reason.TOO_MANY_PIXELS,
                        "The image stores " + stored + " pixels, more than the " + maxPixels
                                + " allowed by MAX_IMAGE_PIXELS");
            }
            int[] size = reader.headerSize(file);
            return checked(new ImageFacts(format, size[0], size[1], 1, takenAt(metadata), camera(metadata)));
        }
        int[] size = headerSize(file, format);
        int orientation = orientation(metadata);
        boolean swapped = orientation >= 5 && orientation <= 8;
        int width = swapped ? size[1] : size[0];
        int height = swapped ? size[0] : size[1];
        return checked(new ImageFacts(format, width, height, orientation, takenAt(metadata), camera(metadata)));
    }

    private ImageFacts checked(ImageFacts facts) {
        int width = facts.width();
        int height = facts.height();
        if (width <= 0 || height <= 0) {
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT, "The image has no valid dimensions");
        }
        if (facts.pixels() > maxPixels) {
            throw new ImageRejectedException(ImageRejectedException.Reason.TOO_MANY_PIXELS,
                    "The image is " + width + "x" + height + " (" + facts.pixels() + " pixels), more than the "
                            + maxPixels + " allowed by MAX_IMAGE_PIXELS");
        }
        return facts;
    }

    static ImageFormat sniff(Path file) {
        byte[] head = new byte[32];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT, "The file cannot be read");
        }
        if (read == 0) {
            throw new ImageRejectedException(ImageRejectedException.Reason.EMPTY, "The file is empty");
        }
        ImageFormat format = ImageFormat.sniff(java.util.Arrays.copyOf(head, read));
        if (format == null) {
            throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_TYPE,
                    "The file is not an image Gallery accepts (JPEG, PNG, GIF, WebP, TIFF, BMP, HEIC, AVIF)");
        }
        return format;
    }

    /** The engine that reads this HEIF format, or a 415 saying none does here. */
    private ImagingEngine heifReader(ImageFormat format) {
        ImagingEngine reader = engine.get();
        if (reader == null || !reader.supports(format)) {
            throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_TYPE,
                    "No decoder for " + format + " images is available"
                            + (reader == null ? "" : " in the " + reader.id() + " imaging engine (IMAGE_ENGINE=vips with a "
                            + "libvips built with libheif reads them)"));
        }
        return reader;
    }

    private static int[] headerSize(Path file, ImageFormat format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_TYPE,
                        "No decoder for " + format + " images is available");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                    "The " + format + " header cannot be read: " + e.getMessage());
        }
    }

    private static int orientation(Metadata metadata) {
        var dir = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
            try {
                int o = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return o >= 1 && o <= 8 ? o : 1;
            } catch (Exception ignored) {
                return 1;
            }
        }
        return 1;
    }

    private static Instant takenAt(Metadata metadata) {
        var sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        Date date = sub == null ? null : sub.getDateOriginal(TimeZone.getTimeZone("UTC"));
        if (date == null) {
            var ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            date = ifd0 == null ? null : ifd0.getDate(ExifIFD0Directory.TAG_DATETIME, TimeZone.getTimeZone("UTC"));
        }
        return date == null ? null : date.toInstant();
    }

    private static String camera(Metadata metadata) {
        var dir = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (dir == null) {
            return null;
        }
        String make = dir.getString(ExifIFD0Directory.TAG_MAKE);
        String model = dir.getString(ExifIFD0Directory.TAG_MODEL);
        if (model == null) {
            return make == null ? null : make.strip();
        }
        if (make != null && !model.toLowerCase().startsWith(make.strip().toLowerCase())) {
            return (make.strip() + " " + model.strip()).strip();
        }
        return model.strip();
    }
}
