package org.gallery.imaging;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
     * JPEG thumbnails of {@code source}, one per requested long edge, keyed by that edge in the order asked. The
     * source is decoded once; smaller sizes are derived from the largest.
     *
     * @throws ImageRejectedException when the file is not an image this engine can decode
     */
    Map<Integer, byte[]> thumbnails(Path source, List<Integer> longEdges, int quality);

    /**
     * The upright image as JPEG, optionally cropped (coordinates in pixels of the upright image) and optionally
     * scaled down so that its long edge is at most {@code maxLongEdgeOrZero}.
     *
     * @throws IllegalArgumentException when the crop does not lie inside the upright image
     * @throws ImageRejectedException when the file is not an image this engine can decode
     */
    byte[] render(Path source, CropRect cropOrNull, int maxLongEdgeOrZero, int quality);

    /**
     * Decodes every pixel of the image.
     *
     * @throws ImageRejectedException with {@link ImageRejectedException.Reason#CORRUPT} for truncated or damaged
     *     files
     */
    void verifyDecodes(Path source);
}
