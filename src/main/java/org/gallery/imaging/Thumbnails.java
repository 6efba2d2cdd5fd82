package org.gallery.imaging;

import java.util.Map;

/**
 * The JPEG thumbnails of one decode, keyed by long edge in the order asked, and the perceptual hash of the smallest
 * one's pixels (taken before it was encoded).
 */
public record Thumbnails(Map<Integer, byte[]> jpegs, PixelHash hash) {

    public byte[] get(int longEdge) {
        return jpegs.get(longEdge);
    }
}
