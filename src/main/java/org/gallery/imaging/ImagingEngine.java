package org.gallery.imaging;

import java.nio.file.Path;
import java.util.List;

/**
 * Decodes, orients, resizes, crops and encodes images. One implementation runs per process, chosen by
 * {@code IMAGE_ENGINE}; nothing outside this package knows which.
 *
 * <p>Every output is an upright (EXIF orientation applied), sRGB, opaque JPEG without metadata, and never larger
 * than its source.
 */
public interface ImagingEngine {

    /** Short name used in settings and logs: {@code vips} or {@code java}. */
    String id();

    /** Version of the library underneath, for the health page and logs. */
    String version();

    /** Why this engine cannot run here, or null when it can. */
    String initializationError();

    boolean supports(ImageFormat format);

    /**
     * JPEG thumbnails of {@code source}, one per requested long edge, keyed by that edge in the order asked, and the
     * perceptual hash of the smallest one's pixels. The source is decoded once; smaller sizes are derived from the
     * largest. Every pixel is decoded, so this also
     * proves the file whole: a file cut short is refused rather than thumbnailed with grey where data is missing.
     *
     * @throws ImageRejectedException when the file is not an image this engine can decode, with
     *     {@link ImageRejectedException.Reason#CORRUPT} for truncated or damaged files
     */
    Thumbnails thumbnails(Path source, List<Integer> longEdges, int quality);

    /**
     * The upright image as JPEG, optionally cropped (coordinates in pixels of the upright image) and optionally
     * scaled down so that its long edge is at most {@code maxLongEdgeOrZero}. Lenient: data missing from a damaged
     * file comes out grey.
     *
     * @throws IllegalArgumentException when the crop does not lie inside the upright image
     * @throws ImageRejectedException when the file is not an image this engine can decode
     */
    byte[] render(Path source, CropRect cropOrNull, int maxLongEdgeOrZero, int quality);

    /**
     * {width, height} of the upright image, read from the header without decoding any pixels (so a decompression
     * bomb costs nothing): how HEIC and AVIF files, which only an engine can read, are probed.
     *
     * @throws ImageRejectedException when the file is not an image this engine can read
     */
    int[] headerSize(Path source);

    /**
     * The crop of {@code ratioW:ratioH}, as large as the upright image allows, placed over its most interesting
     * region: libvips' attention model (edges, skin tones, saturation), or a simpler detail measure in Java.
     *
     * @throws ImageRejectedException when the file is not an image this engine can decode
     */
    CropRect smartCrop(Path source, int ratioW, int ratioH);
}
