package org.gallery.imaging;

import static java.lang.foreign.MemorySegment.NULL;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CMYK without a profile, shown the way browsers show it: the plain ink formula R = 255·(1−C)·(1−K) (G from M,
 * B from Y), as Chromium's JPEG decoder does with Skia's inverted-CMYK swizzle and as the Java engine's readers
 * do. libvips would otherwise use its built-in press profile, which turns full blue into a dark navy. libvips'
 * JPEG loader has already undone Adobe's inverted storage, so 0 means no ink here.
 */
final class VipsInk {

    private static final int INTERPRETATION_SRGB = 22;

    private final VipsLibrary vips;

    VipsInk(VipsLibrary vips) {
        this.vips = vips;
    }

    /** 8-bit sRGB from CMYK (a fifth band, alpha, is kept). */
    VipsImage toSrgb(VipsImage cmyk) {
        try (VipsImage paper = call("vips_invert", 2, cmyk.pointer());
                VipsImage cmy = call("vips_extract_band", 3, paper.pointer(), 0, "n", 3);
                VipsImage k = call("vips_extract_band", 3, paper.pointer(), 3);
                VipsImage product = call("vips_multiply", cmy, k);
                // +0.5: the cast to 8 bits truncates, and browsers round
                VipsImage rgb = call("vips_linear1", 4, product.pointer(), 1 / 255.0, 0.5, "uchar", 1);
                VipsImage withAlpha = withAlpha(cmyk, paper, rgb)) {
            return call("vips_copy", 2, withAlpha.pointer(), "interpretation", INTERPRETATION_SRGB);
        }
    }

    private VipsImage withAlpha(VipsImage cmyk, VipsImage paper, VipsImage rgb) {
        if (vips.callInt("vips_image_get_bands", cmyk.pointer()) < 5) {
            return rgb.share();
        }
        try (VipsImage inverted = call("vips_extract_band", 3, paper.pointer(), 4);
                VipsImage alpha = call("vips_invert", 2, inverted.pointer())) {
            return call("vips_bandjoin2", rgb, alpha);
        }
    }

    /** An operation on one image: {@code in, out}, then the rest (strings become C strings), then NULL. */
    private VipsImage call(String operation, int fixed, MemorySegment in, Object... rest) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            Object[] args = new Object[rest.length + 3];
            args[0] = in;
            args[1] = out;
            for (int i = 0; i < rest.length; i++) {
                args[i + 2] = rest[i] instanceof String s ? arena.allocateFrom(s) : rest[i];
            }
            args[args.length - 1] = NULL;
            return output(vips.callVarargs(operation, fixed, args), out);
        }
    }

    /** An operation on two images: {@code left, right, out, NULL}. */
    private VipsImage call(String operation, VipsImage left, VipsImage right) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            return output(vips.callVarargs(operation, 3, left.pointer(), right.pointer(), out, NULL), out);
        }
    }

    private VipsImage output(int status, MemorySegment out) {
        if (status != 0) {
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                    "The image's colours cannot be converted: " + vips.takeError());
        }
        return new VipsImage(vips, out.get(ValueLayout.ADDRESS, 0));
    }
}
