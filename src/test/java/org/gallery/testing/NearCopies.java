package org.gallery.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Pictures with the structure of a photo (a lit background, shapes of many sizes) made from a seed, and the changes
 * that turn one into a near-duplicate: resized, re-encoded at low quality, cropped a few percent, brightened.
 */
public final class NearCopies {

    private NearCopies() {
    }

    /** A different picture for every seed, the same one for the same seed. */
    public static BufferedImage scene(long seed, int width, int height) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, colour(random), width, height, colour(random)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 14; i++) {
            g.setColor(colour(random));
            int w = (int) (width * (0.08 + random.nextDouble() * 0.45));
            int h = (int) (height * (0.08 + random.nextDouble() * 0.45));
            int x = random.nextInt(width) - w / 3;
            int y = random.nextInt(height) - h / 3;
            if (random.nextBoolean()) {
                g.fillOval(x, y, w, h);
            } else {
                g.fillRect(x, y, w, h);
            }
        }
        g.dispose();
        return image;
    }

    private static Color colour(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    public static BufferedImage resized(BufferedImage image, double scale) {
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** {@code fraction} of each edge cut off, split between the sides as {@code seed} says. */
    public static BufferedImage cropped(BufferedImage image, double fraction, long seed) {
        Random random = new Random(seed);
        int cutW = (int) Math.round(image.getWidth() * fraction);
        int cutH = (int) Math.round(image.getHeight() * fraction);
        int left = cutW == 0 ? 0 : random.nextInt(cutW + 1);
        int top = cutH == 0 ? 0 : random.nextInt(cutH + 1);
        return copy(image.getSubimage(left, top, image.getWidth() - cutW, image.getHeight() - cutH));
    }

    /** Every channel times {@code factor}, clipped: a brighter (above 1) or darker copy. */
    public static BufferedImage brightened(BufferedImage image, double factor) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int r = Math.min(255, (int) Math.round(((p >> 16) & 0xff) * factor));
                int gr = Math.min(255, (int) Math.round(((p >> 8) & 0xff) * factor));
                int b = Math.min(255, (int) Math.round((p & 0xff) * factor));
                out.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return out;
    }

    /** JPEG at the given quality (0 to 1). */
    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (var bytes = new ByteArrayOutputStream(); var out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    public static BufferedImage decode(byte[] encoded) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }
}
