package org.gallery.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Real image files made by the tests themselves: every format, colour model and orientation the engines must
 * handle, written with the JDK's encoders and, where the JDK has none (EXIF, ICC and Adobe segments, WebP),
 * assembled byte by byte following the format's specification.
 */
final class TestImages {

    /** Upright quadrant colours: top-left, top-right, bottom-left, bottom-right. */
    static final Color TOP_LEFT = new Color(220, 30, 30);
    static final Color TOP_RIGHT = new Color(30, 200, 40);
    static final Color BOTTOM_LEFT = new Color(30, 40, 220);
    static final Color BOTTOM_RIGHT = new Color(240, 220, 30);

    private final Path dir;

    TestImages(Path dir) {
        this.dir = dir;
    }

    // ---- pictures --------------------------------------------------------------------------------------------

    static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(TOP_LEFT);
        g.fillRect(0, 0, width / 2, height / 2);
        g.setColor(TOP_RIGHT);
        g.fillRect(width / 2, 0, width - width / 2, height / 2);
        g.setColor(BOTTOM_LEFT);
        g.fillRect(0, height / 2, width / 2, height - height / 2);
        g.setColor(BOTTOM_RIGHT);
        g.fillRect(width / 2, height / 2, width - width / 2, height - height / 2);
        g.dispose();
        return image;
    }

    static BufferedImage solid(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /**
     * The pixels a camera stores for {@code upright} when it tags them with {@code orientation}, written from the
     * EXIF definition of the tag (where the stored 0th row and 0th column lie in the scene), independently of the
     * engines' own code.
     */
    static BufferedImage storedFor(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean swap = orientation >= 5;
        BufferedImage stored = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int sy = 0; sy < stored.getHeight(); sy++) {
            for (int sx = 0; sx < stored.getWidth(); sx++) {
                int[] u = switch (orientation) {
                    case 1 -> new int[] {sx, sy};                  // 0th row top, 0th column left
                    case 2 -> new int[] {w - 1 - sx, sy};          // top, right
                    case 3 -> new int[] {w - 1 - sx, h - 1 - sy};  // bottom, right
                    case 4 -> new int[] {sx, h - 1 - sy};          // bottom, left
                    case 5 -> new int[] {sy, sx};                  // left side, top
                    case 6 -> new int[] {w - 1 - sy, sx};          // right side, top
                    case 7 -> new int[] {w - 1 - sy, h - 1 - sx};  // right side, bottom
                    case 8 -> new int[] {sy, h - 1 - sx};          // left side, bottom
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                };
                stored.setRGB(sx, sy, upright.getRGB(u[0], u[1]));
            }
        }
        return stored;
    }

    // ---- files -----------------------------------------------------------------------------------------------

    Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path jpeg(String name, BufferedImage image) {
        return write(name, jpegBytes(image));
    }

    /** A PNG with an iCCP chunk (the profile deflated, as the PNG specification has it) right after IHDR. */
    Path profiledPng(String name, BufferedImage image, byte[] icc) {
        return profiledPng(name, pngBytes(image), icc);
    }

    Path profiledPng(String name, byte[] png, byte[] icc) {
        java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.DeflaterOutputStream(deflated)) {
            z.write(icc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = concat("profile".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), new byte[] {0, 0},
                deflated.toByteArray());
        byte[] type = "iCCP".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type);
        crc.update(body);
        ByteBuffer chunk = ByteBuffer.allocate(12 + body.length);
        chunk.putInt(body.length).put(type).put(body).putInt((int) crc.getValue());
        int afterIhdr = 8 + 8 + 13 + 4;
        return write(name, concat(Arrays.copyOf(png, afterIhdr), chunk.array(),
                Arrays.copyOfRange(png, afterIhdr, png.length)));
    }

    Path imageIo(String name, RenderedImage image, String format) {
        return write(name, encode(image, format));
    }

    static byte[] pngBytes(RenderedImage image) {
        return encode(image, "png");
    }

    private static byte[] encode(RenderedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG whose EXIF orientation tag makes {@code upright} display upright. */
    Path orientedJpeg(String name, BufferedImage upright, int orientation) {
        return write(name, withSegment(jpegBytes(storedFor(upright, orientation)), exifOrientation(orientation)));
    }

    /** A JPEG carrying an embedded ICC profile; the pixel values are stored as given, in that profile's space. */
    Path profiledJpeg(String name, BufferedImage image, byte[] icc) {
        return write(name, withSegment(jpegBytes(image), iccSegment(icc)));
    }

    /**
     * A CMYK JPEG the way Photoshop writes it: an Adobe APP14 segment and inverted ink values (0 = full ink), or
     * with {@code ycck} the same inks colour-transformed to YCCK (Adobe transform 2).
     */
    Path adobeCmykJpeg(String name, int width, int height, int[] leftInk, int[] rightInk, boolean ycck, byte[] icc) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        int[] left = ycck ? ycck(leftInk) : inverted(leftInk);
        int[] right = ycck ? ycck(rightInk) : inverted(rightInk);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, x < width / 2 ? left : right);
            }
        }
        byte[] jpeg = withSegment(encode(new IIOImage(raster, null, null), 0.95f), adobe(ycck ? 2 : 0));
        if (icc != null) {
            jpeg = withSegment(jpeg, iccSegment(icc));
        }
        return write(name, jpeg);
    }

    private static int[] inverted(int[] ink) {
        return new int[] {255 - ink[0], 255 - ink[1], 255 - ink[2], 255 - ink[3]};
    }

    /** libjpeg's YCCK: the inverted C, M, Y taken as R, G, B and stored as YCbCr; K stays inverted. */
    private static int[] ycck(int[] ink) {
        double r = ink[0];
        double g = ink[1];
        double b = ink[2];
        return new int[] {
            clamp(0.299 * r + 0.587 * g + 0.114 * b),
            clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128),
            clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128),
            255 - ink[3]
        };
    }

    /** 16 bits per channel RGB, one colour. */
    Path png16(String name, int width, int height, int r, int g, int b) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16}, false, false, java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {r, g, b});
            }
        }
        return imageIo(name, new BufferedImage(model, raster, false, null), "png");
    }

    /** 16-bit greyscale; the samples are gamma-encoded like any PNG grey. */
    Path grey16Png(String name, int width, int height, int value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, value);
            }
        }
        return imageIo(name, image, "png");
    }

    /** 8-bit grey with an alpha channel: left half opaque, right half fully transparent. */
    Path greyAlphaPng(String name, int width, int height, int grey) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true, false, java.awt.Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {grey, x < width / 2 ? 255 : 0});
            }
        }
        return imageIo(name, new BufferedImage(model, raster, false, null), "png");
    }

    /** A four-entry palette: left half colour 1, right half the transparent entry. */
    Path palettePng(String name, int width, int height, Color opaque) {
        byte[] r = {0, (byte) opaque.getRed(), 0, (byte) 255};
        byte[] g = {0, (byte) opaque.getGreen(), 0, (byte) 255};
        byte[] b = {0, (byte) opaque.getBlue(), 0, (byte) 255};
        IndexColorModel palette = new IndexColorModel(2, 4, r, g, b, 2);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, palette);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, x < width / 2 ? 1 : 2);
            }
        }
        return imageIo(name, image, "png");
    }

    /** RGBA: left third opaque {@code colour}, middle third 50% black, right third fully transparent. */
    Path alphaPng(String name, int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = x < width / 3 ? colour.getRGB() | 0xFF000000
                        : x < 2 * width / 3 ? 0x80000000
                        : 0x00FF00FF;
                image.setRGB(x, y, argb);
            }
        }
        return imageIo(name, image, "png");
    }

    /** A two-frame animated GIF: each frame one solid colour. */
    Path animatedGif(String name, int width, int height, Color first, Color second) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (Color colour : List.of(first, second)) {
                BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
                Graphics2D g = frame.createGraphics();
                g.setColor(colour);
                g.fillRect(0, 0, width, height);
                g.dispose();
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return write(name, bytes.toByteArray());
    }

    /** A lossless WebP of one colour (see {@link #vp8lSolid}). */
    Path webp(String name, int width, int height, Color colour) {
        return write(name, riff(chunk("VP8L", vp8lSolid(width, height, colour))));
    }

    /** An animated WebP (VP8X + ANIM + two ANMF frames), each frame one lossless solid colour. */
    Path animatedWebp(String name, int width, int height, Color first, Color second) {
        ByteBuffer vp8x = le(10).put((byte) 0x02).put(new byte[3]);
        put24(vp8x, width - 1);
        put24(vp8x, height - 1);
        ByteBuffer anim = le(6).putInt(0xFFFFFFFF).putShort((short) 0);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(chunk("VP8X", vp8x.array()));
        body.writeBytes(chunk("ANIM", anim.array()));
        for (Color colour : List.of(first, second)) {
            byte[] frame = chunk("VP8L", vp8lSolid(width, height, colour));
            ByteBuffer anmf = le(16 + frame.length);
            put24(anmf, 0);
            put24(anmf, 0);
            put24(anmf, width - 1);
            put24(anmf, height - 1);
            put24(anmf, 100);
            anmf.put((byte) 0x02); // no blending, no disposal
            anmf.put(frame);
            body.writeBytes(chunk("ANMF", anmf.array()));
        }
        return write(name, riff(body.toByteArray()));
    }

    /** A JPEG cut short: the header is intact, most of the entropy-coded data is missing. */
    Path truncatedJpeg(String name) {
        byte[] whole = jpegBytes(noise(640, 480));
        return write(name, Arrays.copyOf(whole, whole.length / 2));
    }

    static BufferedImage noise(int width, int height) {
        Random random = new Random(42);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    // ---- JPEG segments ---------------------------------------------------------------------------------------

    static byte[] jpegBytes(BufferedImage image) {
        return encode(new IIOImage(image, null, null), 0.95f);
    }

    private static byte[] encode(IIOImage image, float quality) {
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ImageWriter jdkJpegWriter() {
        ImageWriter chosen = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (chosen == null || writer.getClass().getName().startsWith("com.sun.")) {
                chosen = writer;
            }
        }
        return chosen;
    }

    /** Inserts a complete marker segment right after SOI. */
    static byte[] withSegment(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    /** APP1 "Exif" with a big-endian TIFF header and an IFD0 holding only the orientation tag (0x0112). */
    static byte[] exifOrientation(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 0x2A).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        return segment(0xE1, concat(exif, tiff.array()));
    }

    /** APP2 "ICC_PROFILE", chunk 1 of 1. */
    static byte[] iccSegment(byte[] profile) {
        byte[] head = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
        return segment(0xE2, concat(head, new byte[] {1, 1}, profile));
    }

    /** APP14 "Adobe": version 100, no flags, the colour transform (0 CMYK/RGB, 1 YCbCr, 2 YCCK). */
    static byte[] adobe(int transform) {
        byte[] body = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        return segment(0xEE, body);
    }

    /** The markers of a JPEG up to its first scan, e.g. 0xE0 for APP0. */
    static List<Integer> markers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
        }
        return markers;
    }

    static byte[] srgbProfile() {
        return ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    private static byte[] segment(int marker, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + body.length);
        b.put((byte) 0xFF).put((byte) marker).putShort((short) (body.length + 2)).put(body);
        return b.array();
    }

    // ---- WebP ------------------------------------------------------------------------------------------------

    /**
     * A VP8L (lossless WebP) bitstream of one colour. Each of the five prefix codes is a "simple" code with a single
     * symbol, which the format defines to take zero bits, so the pixels themselves need no data at all.
     */
    static byte[] vp8lSolid(int width, int height, Color colour) {
        BitWriter bits = new BitWriter();
        bits.write(0x2F, 8);                 // signature
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(0, 1);                    // alpha is not used
        bits.write(0, 3);                    // version 0
        bits.write(0, 1);                    // no transform
        bits.write(0, 1);                    // no colour cache
        bits.write(0, 1);                    // no meta prefix codes
        for (int symbol : new int[] {colour.getGreen(), colour.getRed(), colour.getBlue(), 255}) {
            bits.write(1, 1);                // simple code
            bits.write(0, 1);                // one symbol
            bits.write(1, 1);                // 8-bit symbol
            bits.write(symbol, 8);
        }
        bits.write(1, 1);                    // distance code: simple, one 1-bit symbol 0
        bits.write(0, 1);
        bits.write(0, 1);
        bits.write(0, 1);
        // TwelveMonkeys' bit reader (3.14) reads up to 8 bytes ahead and fails on a stream that ends at its last
        // bit; libwebp reads it either way. Zero padding after the stream is ignored by both.
        byte[] stream = bits.bytes();
        return Arrays.copyOf(stream, stream.length + 8);
    }

    private static byte[] chunk(String fourCc, byte[] data) {
        ByteBuffer b = le(8 + data.length + (data.length & 1));
        b.put(fourCc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] riff(byte[] chunks) {
        ByteBuffer b = le(12 + chunks.length);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + chunks.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(chunks);
        return b.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void put24(ByteBuffer b, int value) {
        b.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long buffer;
        private int count;

        /** Least significant bit first, as VP8L reads them. */
        void write(int value, int n) {
            buffer |= ((long) value & ((1L << n) - 1)) << count;
            count += n;
            while (count >= 8) {
                out.write((int) (buffer & 0xFF));
                buffer >>>= 8;
                count -= 8;
            }
        }

        byte[] bytes() {
            if (count > 0) {
                out.write((int) (buffer & 0xFF));
                buffer = 0;
                count = 0;
            }
            return out.toByteArray();
        }
    }

    // ---- colour arithmetic for expected values ---------------------------------------------------------------

    /** CIE Lab (D50, the ICC connection space) of an 8-bit sRGB colour. */
    static double[] labOfSrgb(int r, int g, int b) {
        double[] lin = {linear(r), linear(g), linear(b)};
        double[][] m = {{0.4361, 0.3851, 0.1431}, {0.2225, 0.7169, 0.0606}, {0.0139, 0.0971, 0.7141}};
        double[] xyz = new double[3];
        for (int i = 0; i < 3; i++) {
            xyz[i] = m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2];
        }
        double fx = labF(xyz[0] / IccProfileWriter.D50[0]);
        double fy = labF(xyz[1] / IccProfileWriter.D50[1]);
        double fz = labF(xyz[2] / IccProfileWriter.D50[2]);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double linear(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double labF(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
