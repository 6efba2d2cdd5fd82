package org.gallery.imaging;

import java.lang.foreign.MemorySegment;

/** One reference to a libvips image; closing it drops the reference. */
record VipsImage(VipsLibrary vips, MemorySegment pointer) implements AutoCloseable {

    /** A second reference to the same image, for code paths that may or may not make a new one. */
    VipsImage share() {
        return new VipsImage(vips, vips.callPointer("g_object_ref", pointer));
    }

    int width() {
        return vips.callInt("vips_image_get_width", pointer);
    }

    int height() {
        return vips.callInt("vips_image_get_height", pointer);
    }

    int interpretation() {
        return vips.callInt("vips_image_get_interpretation", pointer);
    }

    boolean hasAlpha() {
        return vips.callInt("vips_image_hasalpha", pointer) != 0;
    }

    @Override
    public void close() {
        vips.unref(pointer);
    }
}
