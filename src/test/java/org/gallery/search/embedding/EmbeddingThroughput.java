package org.gallery.search.embedding;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.gallery.imaging.ImagingEngine;
import org.gallery.imaging.ImagingEngines;

/**
 * Embedding throughput with the tiny test model (on demand, bench/embeddings.sh), and the time per image spent
 * outside the model (decoding the medium thumbnail, resizing, building the tensor) beside the time the imaging
 * engine takes to make an image's thumbnails from a 12-megapixel JPEG, measured in the same run.
 */
public final class EmbeddingThroughput {

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        Path model = Path.of(args.length > 1 ? args[1] : "src/test/resources/tiny-clip");
        ImagingEngine engine = ImagingEngines.select("auto");
        Path dir = Files.createTempDirectory("embedding-throughput");
        Random random = new Random(1);
        List<Path> originals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path p = dir.resolve("photo" + i + ".jpg");
            Files.write(p, jpeg(picture(4000, 3000, random)));
            originals.add(p);
        }
        List<byte[]> thumbnails = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            thumbnails.add(jpeg(picture(512, 384, random)));
        }
        try (var m = new OnnxEmbeddingModel(model)) {
            var pre = new ClipPreprocessor(224, new float[] {0.48f, 0.46f, 0.41f}, new float[] {0.27f, 0.26f, 0.28f});
            for (int round = 0; round < 2; round++) {
                long t = System.nanoTime();
                for (Path p : originals) {
                    engine.thumbnails(p, List.of(1024, 512, 256), 85);
                }
                double thumbnailMs = (System.nanoTime() - t) / 1e6 / originals.size();

                t = System.nanoTime();
                float[] tensor = new float[3 * 224 * 224];
                List<BufferedImage> decoded = new ArrayList<>();
                for (byte[] jpeg : thumbnails) {
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
                    pre.tensor(image, tensor, 0);
                    decoded.add(image);
                }
                double outsideMs = (System.nanoTime() - t) / 1e6 / images;

                t = System.nanoTime();
                m.embedPixels(decoded);
                double pixelsMs = (System.nanoTime() - t) / 1e6 / images;

                t = System.nanoTime();
                m.embedImages(thumbnails);
                double totalMs = (System.nanoTime() - t) / 1e6 / images;
                System.out.printf(Locale.ROOT, "round %d (%s engine): thumbnails of a 12 MP JPEG %.1f ms/image; "
                        + "embedding %.1f ms/image (%.0f images/s), of which outside the model (decode 512 px JPEG, "
                        + "resize, tensor) %.1f ms, preprocessing + model on decoded pixels %.1f ms%n", round,
                        engine.id(), thumbnailMs, totalMs, 1000 / totalMs, outsideMs, pixelsMs);
            }
        }
    }

    static BufferedImage picture(int w, int h, Random random) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), w, h, new Color(random.nextInt(0xffffff))));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(w), random.nextInt(h), w / 8, h / 8);
        }
        g.dispose();
        return image;
    }

    static byte[] jpeg(BufferedImage image) throws Exception {
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
