package org.gallery.imaging;

import static java.lang.foreign.MemorySegment.NULL;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The libvips operations Gallery uses, each returning a new {@link VipsImage} the caller closes. A failed call
 * becomes an {@link ImageRejectedException} carrying libvips' own message.
 */
final class VipsOperations {

    private static final String ICC_FIELD = "icc-profile-data";

    private final VipsLibrary vips;

    VipsOperations(VipsLibrary vips) {
        this.vips = vips;
    }

    /** Opens the header only; pixels are decoded when an operation asks for them, leniently. */
    VipsImage open(Path file) {
        return open(file, false, 1, false);
    }

    /**
     * With {@code failOnTruncated} a file cut short fails when its pixels are read instead of coming out grey where
     * data is missing. {@code jpegShrink} (1, 2, 4 or 8) makes the JPEG decoder scale down while decoding; only the
     * JPEG loader takes it. With {@code sequential} the pixels stream top to bottom through the operations that follow instead of being
     * decoded into memory first; only a pipeline that reads them once, in order, may ask for it.
     */
    VipsImage open(Path file, boolean failOnTruncated, int jpegShrink, boolean sequential) {
        try (Arena arena = Arena.ofConfined()) {
            List<Object> list = new ArrayList<>();
            if (failOnTruncated) {
                Collections.addAll(list, arena.allocateFrom("fail_on"), VipsLibrary.FAIL_ON_TRUNCATED);
            }
            if (jpegShrink > 1) {
                Collections.addAll(list, arena.allocateFrom("shrink"), jpegShrink);
            }
            if (sequential) {
                Collections.addAll(list, arena.allocateFrom("access"), VipsLibrary.ACCESS_SEQUENTIAL);
            }
            list.add(NULL);
            Object[] options = list.toArray();
            MemorySegment image;
            String name = fileName(file);
            if (name != null) {
                image = vips.callPointerVarargs("vips_image_new_from_file", 1,
                        prepend(options, arena.allocateFrom(name)));
            } else {
                MemorySegment source = source(file, arena);
                try {
                    image = vips.callPointerVarargs("vips_image_new_from_source", 2,
                            prepend(options, source, arena.allocateFrom("")));
                } finally {
                    vips.unref(source);
                }
            }
            return result(image, "The image cannot be read");
        }
    }

    /**
     * Shrink-on-load thumbnail straight from the file: JPEG and WebP decode at a reduced scale, orientation is
     * applied, and the image is never enlarged. With {@code failOnTruncated} a file cut short fails when the pixels
     * are read instead of coming out grey where data is missing.
     */
    VipsImage thumbnail(Path file, int longEdge, boolean toSrgb, boolean failOnTruncated) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            Object[] options = thumbnailOptions(arena, longEdge, toSrgb);
            if (failOnTruncated) {
                options = prepend(options, arena.allocateFrom("fail_on"), VipsLibrary.FAIL_ON_TRUNCATED);
            }
            String name = fileName(file);
            int status;
            if (name != null) {
                status = vips.callVarargs("vips_thumbnail", 3, prepend(options, arena.allocateFrom(name), out, longEdge));
            } else {
                MemorySegment source = source(file, arena);
                try {
                    status = vips.callVarargs("vips_thumbnail_source", 3, prepend(options, source, out, longEdge));
                } finally {
                    vips.unref(source);
                }
            }
            return output(status, out, "The image cannot be decoded");
        }
    }

    VipsImage thumbnail(VipsImage in, int longEdge, boolean toSrgb) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            int status = vips.callVarargs("vips_thumbnail_image", 3,
                    prepend(thumbnailOptions(arena, longEdge, toSrgb), in.pointer(), out, longEdge));
            return output(status, out, "The image cannot be resized");
        }
    }

    /**
     * Scaled down so that its long edge is {@code longEdge} (never enlarged), with the bicubic kernel Pillow's
     * thumbnails use: at thumbnail sizes it looks the same as libvips' default Lanczos-3 and costs about half as
     * much. No rotation or colour conversion.
     */
    VipsImage resize(VipsImage in, int longEdge) {
        int longest = Math.max(in.width(), in.height());
        if (longest <= longEdge) {
            return in.share();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            double scale = (double) longEdge / longest;
            int status = vips.callVarargs("vips_resize", 3, in.pointer(), out, scale, arena.allocateFrom("kernel"),
                    VipsLibrary.KERNEL_CUBIC, NULL);
            return output(status, out, "The image cannot be resized");
        }
    }

    /**
     * Through the image's embedded profile into 8-bit sRGB; libvips' own CMYK profile stands in when the embedded
     * one cannot be used.
     */
    VipsImage toSrgb(VipsImage in) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            int status = vips.callVarargs("vips_icc_transform", 3, in.pointer(), out, arena.allocateFrom("srgb"),
                    arena.allocateFrom("embedded"), 1, arena.allocateFrom("input_profile"),
                    arena.allocateFrom("cmyk"), NULL);
            return output(status, out, "The image's colour profile cannot be applied");
        }
    }

    /** Decodes the pixels into memory once, so that several smaller sizes can be derived without decoding again. */
    VipsImage copyMemory(VipsImage in) {
        return result(vips.callPointer("vips_image_copy_memory", in.pointer()), "The image cannot be decoded");
    }

    VipsImage autorotate(VipsImage in) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            return output(vips.callVarargs("vips_autorot", 2, in.pointer(), out, NULL), out,
                    "The image cannot be decoded");
        }
    }

    VipsImage crop(VipsImage in, CropRect crop) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            int status = vips.callVarargs("vips_crop", 6, in.pointer(), out, crop.x(), crop.y(), crop.width(),
                    crop.height(), NULL);
            return output(status, out, "The image cannot be cropped");
        }
    }

    /** JPEG has no alpha: transparent parts become white, as they look on a white page. */
    VipsImage opaque(VipsImage in) {
        if (!in.hasAlpha()) {
            return in.share();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment white = vips.callPointerVarargs("vips_array_double_newv", 1, 1, 255.0);
            try {
                int status = vips.callVarargs("vips_flatten", 2, in.pointer(), out,
                        arena.allocateFrom("background"), white, NULL);
                return output(status, out, "The image cannot be flattened");
            } finally {
                vips.callVoid("vips_area_unref", white);
            }
        }
    }

    /** Baseline JPEG with every metadata block (EXIF, XMP, IPTC, ICC) left out. */
    byte[] jpeg(VipsImage in, int quality) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_LONG);
            int status = vips.callVarargs("vips_jpegsave_buffer", 3, in.pointer(), buffer, length,
                    arena.allocateFrom("Q"), quality, arena.allocateFrom("strip"), 1, NULL);
            if (status != 0) {
                throw new IllegalStateException("libvips could not encode JPEG: " + vips.takeError());
            }
            MemorySegment data = buffer.get(ValueLayout.ADDRESS, 0);
            try {
                return data.reinterpret(length.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
            } finally {
                vips.callVoid("g_free", data);
            }
        }
    }

    /**
     * The centre of the most interesting {@code width x height} window by libvips' attention model (edges, skin
     * tones and saturation, blurred), in pixels of {@code in}.
     */
    int[] attentionCentre(VipsImage in, int width, int height) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment x = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment y = arena.allocate(ValueLayout.JAVA_INT);
            int status = vips.callVarargs("vips_smartcrop", 4, in.pointer(), out, width, height,
                    arena.allocateFrom("interesting"), VipsLibrary.INTERESTING_ATTENTION,
                    arena.allocateFrom("attention_x"), x, arena.allocateFrom("attention_y"), y, NULL);
            // the centre is found when the operation is built; the cropped pixels are never needed
            try (VipsImage ignored = output(status, out, "The image cannot be analysed")) {
                return new int[] {x.get(ValueLayout.JAVA_INT, 0), y.get(ValueLayout.JAVA_INT, 0)};
            }
        }
    }

    /** The embedded ICC profile, or null. */
    byte[] iccProfile(VipsImage in) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment field = arena.allocateFrom(ICC_FIELD);
            if (vips.callLong("vips_image_get_typeof", in.pointer(), field) == 0) {
                return null;
            }
            MemorySegment data = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_LONG);
            if (vips.callInt("vips_image_get_blob", in.pointer(), field, data, length) != 0) {
                vips.takeError();
                return null;
            }
            return data.get(ValueLayout.ADDRESS, 0).reinterpret(length.get(ValueLayout.JAVA_LONG, 0))
                    .toArray(ValueLayout.JAVA_BYTE);
        }
    }

    boolean hasOperation(String nickname) {
        try (Arena arena = Arena.ofConfined()) {
            return vips.callLong("vips_type_find", arena.allocateFrom("VipsOperation"),
                    arena.allocateFrom(nickname)) != 0;
        }
    }

    private Object[] thumbnailOptions(Arena arena, int longEdge, boolean toSrgb) {
        Object[] size = {arena.allocateFrom("height"), longEdge, arena.allocateFrom("size"), VipsLibrary.SIZE_DOWN};
        if (!toSrgb) {
            return append(size, NULL);
        }
        // Converts from the embedded profile (or libvips' built-in CMYK profile) after the resize, so the
        // colour transform runs on the small image.
        return append(size, arena.allocateFrom("export_profile"), arena.allocateFrom("srgb"), NULL);
    }

    /**
     * libvips reads options from a trailing "[...]" in a file name. An empty "[]" appended keeps brackets inside a
     * real name from being taken as options; a name that itself ends with ']' goes through a source instead.
     */
    private static String fileName(Path file) {
        String name = file.toAbsolutePath().toString();
        return name.endsWith("]") ? null : name + "[]";
    }

    private MemorySegment source(Path file, Arena arena) {
        MemorySegment source = vips.callPointer("vips_source_new_from_file",
                arena.allocateFrom(file.toAbsolutePath().toString()));
        if (source.equals(NULL)) {
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                    "The image cannot be read: " + vips.takeError());
        }
        return source;
    }

    private VipsImage output(int status, MemorySegment out, String what) {
        return result(status == 0 ? out.get(ValueLayout.ADDRESS, 0) : NULL, what);
    }

    private VipsImage result(MemorySegment image, String what) {
        if (image.equals(NULL)) {
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT, what + ": " + vips.takeError());
        }
        return new VipsImage(vips, image);
    }

    private static Object[] prepend(Object[] rest, Object... first) {
        Object[] all = new Object[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    private static Object[] append(Object[] first, Object... rest) {
        return prepend(rest, first);
    }
}
