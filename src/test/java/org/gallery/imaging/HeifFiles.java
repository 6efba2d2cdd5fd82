package org.gallery.imaging;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** HEIC and AVIF test files: encoded by the system's libvips (libheif), or a bare header where no encoder is. */
public final class HeifFiles {

    private static final int COMPRESSION_HEVC = 1;
    private static final int COMPRESSION_AV1 = 4;

    private HeifFiles() {
    }

    /** True when this machine's libvips can write HEIC and AVIF (Debian's libvips42 can). */
    public static boolean canEncode() {
        VipsLibrary vips = VipsLibrary.get();
        return vips != null && new VipsOperations(vips).hasOperation("heifsave");
    }

    /** {@code image} as a real HEIC ({@code avif} false) or AVIF file, lossless enough for colour checks. */
    public static byte[] encode(BufferedImage image, boolean avif, Path scratch) {
        try {
            Path png = scratch.resolve("heif-source.png");
            ImageIO.write(image, "png", png.toFile());
            Path out = scratch.resolve(avif ? "encoded.avif" : "encoded.heic");
            VipsLibrary vips = VipsLibrary.get();
            try (VipsImage in = new VipsOperations(vips).open(png); Arena arena = Arena.ofConfined()) {
                int status = vips.callVarargs("vips_heifsave", 2, in.pointer(), arena.allocateFrom(out.toString()),
                        arena.allocateFrom("compression"), avif ? COMPRESSION_AV1 : COMPRESSION_HEVC,
                        arena.allocateFrom("Q"), 95, MemorySegment.NULL);
                if (status != 0) {
                    throw new IllegalStateException("libvips cannot write " + out + ": " + vips.takeError());
                }
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the ftyp box of a HEIC or AVIF file: enough to be recognised, nothing to decode. */
    public static byte[] headerOnly(boolean avif) {
        ByteBuffer box = ByteBuffer.allocate(24);
        box.putInt(24).put("ftyp".getBytes(StandardCharsets.US_ASCII))
                .put((avif ? "avif" : "heic").getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .put("mif1".getBytes(StandardCharsets.US_ASCII)).put("miaf".getBytes(StandardCharsets.US_ASCII));
        return box.array();
    }
}
