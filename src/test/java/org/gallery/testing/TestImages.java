package org.gallery.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/** Real image files made on the fly: every test image is generated, none is committed. */
public final class TestImages {

    private TestImages() {
    }

    /** A JPEG of the given size whose bytes are unique: a random patch and a random comment. */
    public static byte[] jpeg(int width, int height) {
        return withUniqueComment(encode(picture(width, height, true), "jpg"));
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height, true), "png");
    }

    public static byte[] gif(int width, int height) {
        return encode(picture(width, height, true), "gif");
    }

    public static byte[] bmp(int width, int height) {
        return encode(picture(width, height, true), "bmp");
    }

    /** A JPEG of one colour with a few random pixels, so that its bytes are unique but its colour is plain. */
    public static byte[] solid(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 4; i++) {
            image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt(0xffffff));
        }
        return withUniqueComment(encode(image, "jpg"));
    }

    /** The same bytes every time for the same size: for duplicate checks. */
    public static byte[] fixedJpeg(int width, int height) {
        return encode(picture(width, height, false), "jpg");
    }

    /**
     * A JPEG carrying an EXIF APP1 segment with the given orientation, date taken and camera: what a phone writes.
     */
    public static byte[] jpegWithExif(int width, int height, int orientation, String dateTaken, String make, String model) {
        byte[] jpeg = jpeg(width, height);
        byte[] app1 = exifSegment(orientation, dateTaken, make, model);
        byte[] out = new byte[jpeg.length + app1.length];
        // SOI, then our APP1, then the rest of the encoder's stream
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        System.arraycopy(app1, 0, out, 2, app1.length);
        System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
        return out;
    }

    private static byte[] exifSegment(int orientation, String dateTaken, String make, String model) {
        byte[] makeBytes = (make + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] modelBytes = (model + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] dateBytes = (dateTaken + "\0").getBytes(StandardCharsets.US_ASCII);
        // TIFF header (8) + IFD0 with 4 entries (2 + 4*12 + 4) + ExifIFD with 1 entry (2 + 12 + 4) + data
        int ifd0 = 8;
        int ifd0Size = 2 + 4 * 12 + 4;
        int exifIfd = ifd0 + ifd0Size;
        int exifIfdSize = 2 + 12 + 4;
        int data = exifIfd + exifIfdSize;
        ByteBuffer tiff = ByteBuffer.allocate(data + makeBytes.length + modelBytes.length + dateBytes.length)
                .order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
        tiff.putShort((short) 4);
        int makeAt = data;
        int modelAt = makeAt + makeBytes.length;
        int dateAt = modelAt + modelBytes.length;
        entry(tiff, 0x010F, 2, makeBytes.length, makeAt);
        entry(tiff, 0x0110, 2, modelBytes.length, modelAt);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        entry(tiff, 0x8769, 4, 1, exifIfd);
        tiff.putInt(0);
        tiff.putShort((short) 1);
        entry(tiff, 0x9003, 2, dateBytes.length, dateAt);
        tiff.putInt(0);
        tiff.put(makeBytes).put(modelBytes).put(dateBytes);
        byte[] body = tiff.array();
        int length = 2 + 6 + body.length;
        ByteBuffer segment = ByteBuffer.allocate(2 + length).order(ByteOrder.BIG_ENDIAN);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length);
        segment.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(body);
        return segment.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int valueOrOffset) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(valueOrOffset);
    }

    private static BufferedImage picture(int width, int height, boolean unique) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(230, 60, 40));
        g.fillRect(0, 0, Math.max(1, width / 2), Math.max(1, height / 2));
        if (unique) {
            var random = ThreadLocalRandom.current();
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillRect(width / 2, height / 2, Math.max(1, width / 4), Math.max(1, height / 4));
        }
        g.dispose();
        return image;
    }

    /**
     * JPEG quantisation can turn two small pictures with different random patches into the same bytes, which the
     * service rightly refuses as a duplicate; a comment segment with a random id keeps every file distinct.
     */
    private static byte[] withUniqueComment(byte[] jpeg) {
        byte[] text = ("test " + java.util.UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + text.length);
        out.put(jpeg, 0, 2); // SOI
        out.put((byte) 0xFF).put((byte) 0xFE).putShort((short) (2 + text.length)).put(text);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            var out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A photo-like JPEG: smooth light with sensor-like noise, so it neither compresses nor decodes unusually fast. */
    public static byte[] photo(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(seed);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / width + random.nextInt(24)) & 0xff;
                int g = (y * 255 / height + random.nextInt(24)) & 0xff;
                int b = ((x + y + seed * 37) % 256 + random.nextInt(24)) & 0xff;
                row[x] = r << 16 | g << 8 | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return encode(image, "jpg");
    }
}
