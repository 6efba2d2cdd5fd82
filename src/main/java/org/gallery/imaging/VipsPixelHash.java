package org.gallery.imaging;

import static java.lang.foreign.MemorySegment.NULL;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The perceptual hash of a thumbnail still held by libvips, from its pixels copied out once. */
final class VipsPixelHash {

    private VipsPixelHash() {
    }

    /**
     * The perceptual hash of an image's 8-bit pixels; another sample format (16-bit sources may stay 16-bit through
     * the resize) is hashed from the JPEG just encoded from it instead, which is small and nearly the same.
     */
    static PixelHash of(VipsLibrary vips, VipsImage in, byte[] jpeg) {
        int bands = vips.callInt("vips_image_get_bands", in.pointer());
        if (vips.callInt("vips_image_get_format", in.pointer()) != VipsLibrary.FORMAT_UCHAR) {
            try {
                return PixelHash.of(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment data = vips.callPointer("vips_image_write_to_memory", in.pointer(), size);
            if (data.equals(NULL)) {
                throw new IllegalStateException("libvips could not write the pixels: " + vips.takeError());
            }
            try {
                byte[] samples = data.reinterpret(size.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
                return PixelHash.of(samples, in.width(), in.height(), bands);
            } finally {
                vips.callVoid("g_free", data);
            }
        }
    }
}
