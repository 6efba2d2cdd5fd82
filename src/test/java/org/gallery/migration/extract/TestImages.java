package org.gallery.migration.extract;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Small real images, made on the spot; different seeds give different bytes. */
final class TestImages {

    private TestImages() {
    }

    static byte[] png(int seed) {
        return encode(seed, "png");
    }

    static byte[] jpeg(int seed) {
        return encode(seed, "jpg");
    }

    static byte[] text(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pdf() {
        return text("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    }

    private static byte[] encode(int seed, String format) {
        var image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(seed * 37 % 256, seed * 91 % 256, seed * 53 % 256));
        g.fillRect(0, 0, 16, 12);
        g.setColor(Color.WHITE);
        g.fillRect(seed % 16, seed % 12, 3, 3);
        g.dispose();
        var bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
