package org.gallery.caption.generator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small JPEGs made on the fly. */
final class Jpegs {

    private Jpegs() {
    }

    static byte[] solid(int width, int height, Color colour) {
        return bands(width, height, colour);
    }

    /** Horizontal bands of equal height, top to bottom. */
    static byte[] bands(int width, int height, Color... colours) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < colours.length; i++) {
            g.setColor(colours[i]);
            int top = height * i / colours.length;
            g.fillRect(0, top, width, height * (i + 1) / colours.length - top);
        }
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
