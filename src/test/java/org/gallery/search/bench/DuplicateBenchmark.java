package org.gallery.search.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gallery.imaging.ImagingEngine;
import org.gallery.imaging.JavaEngine;
import org.gallery.imaging.PixelHash;
import org.gallery.imaging.VipsEngine;
import org.gallery.search.HammingGroups;
import org.gallery.testing.NearCopies;

/**
 * Near-duplicate benchmark (on demand, bench/duplicates.sh).
 *
 * <p>Accuracy: every photo of a folder and five near copies of it (half size at JPEG quality 40; re-encoded at
 * quality 15; 2 to 5 % cropped; 20 % brighter; 20 % darker and 70 % size), all hashed through the imaging engine's
 * thumbnail path as uploads are. True pairs are two images of one photo, false pairs two of different photos; for
 * each pHash limit the recall of true pairs and the share of false pairs among the pairs found.
 *
 * <p>Arguments: the photo folder ({@code -}: speed only), the engine, how many hashes, the limit timed (12).
 *
 * <p>Speed: the time to group a million hashes (random ones, a tenth of them near copies of another) with
 * {@link HammingGroups}, beside every-pair comparison timed on a sample and scaled to a million.
 */
public final class DuplicateBenchmark {

    private static final List<Integer> SIZES = List.of(1024, 512, 256);

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/bench/corpus");
        String engineName = args.length > 1 ? args[1] : "vips";
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int limit = args.length > 3 ? Integer.parseInt(args[3]) : 12;
        ImagingEngine engine = engineName.equals("java") ? new JavaEngine() : new VipsEngine();
        if (!folder.toString().equals("-")) {
            accuracy(folder, engine);
        }
        speed(count, limit);
    }

    private static void accuracy(Path folder, ImagingEngine engine) throws Exception {
        List<Path> photos;
        try (Stream<Path> files = Files.list(folder)) {
            photos = files.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)")).sorted().toList();
        }
        Path work = Files.createTempDirectory("gallery-duplicates-bench");
        List<Long> hashes = new ArrayList<>();
        List<Integer> photoOf = new ArrayList<>();
        long start = System.nanoTime();
        for (int p = 0; p < photos.size(); p++) {
            BufferedImage picture = ImageIO.read(photos.get(p).toFile());
            if (picture == null) {
                continue;
            }
            picture = NearCopies.resized(picture, 1.0);
            List<byte[]> versions = List.of(
                    Files.readAllBytes(photos.get(p)),
                    NearCopies.jpeg(NearCopies.resized(picture, 0.5), 0.4f),
                    NearCopies.jpeg(picture, 0.15f),
                    NearCopies.jpeg(NearCopies.cropped(picture, 0.02 + 0.03 * new Random(p).nextDouble(), p), 0.85f),
                    NearCopies.jpeg(NearCopies.brightened(picture, 1.2), 0.85f),
                    NearCopies.jpeg(NearCopies.brightened(NearCopies.resized(picture, 0.7), 0.8), 0.75f));
            for (int v = 0; v < versions.size(); v++) {
                Path file = Files.write(work.resolve(p + "_" + v + (v == 0 ? suffix(photos.get(p)) : ".jpg")),
                        versions.get(v));
                hashes.add(engine.thumbnails(file, SIZES, 85).hash().phash());
                photoOf.add(p);
                Files.delete(file);
            }
        }
        Files.delete(work);
        System.out.printf(Locale.ROOT, "%d photos, %d images hashed with the %s engine in %.1f s%n", photos.size(),
                hashes.size(), engine.id(), (System.nanoTime() - start) / 1e9);
        System.out.println("limit  recall  false-share  false-pairs/all-different-pairs");
        for (int r = 4; r <= 16; r += 2) {
            long truePairs = 0;
            long found = 0;
            long falseFound = 0;
            long differentPairs = 0;
            for (int a = 0; a < hashes.size(); a++) {
                for (int b = a + 1; b < hashes.size(); b++) {
                    boolean same = photoOf.get(a).equals(photoOf.get(b));
                    boolean close = PixelHash.distance(hashes.get(a), hashes.get(b)) <= r;
                    truePairs += same ? 1 : 0;
                    differentPairs += same ? 0 : 1;
                    found += same && close ? 1 : 0;
                    falseFound += !same && close ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "%5d  %6.3f  %11.4f  %d/%d%n", r, (double) found / truePairs,
                    found + falseFound == 0 ? 0 : (double) falseFound / (found + falseFound), falseFound, differentPairs);
        }
    }

    private static String suffix(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.'));
    }

    private static void speed(int count, int maxDistance) {
        Random random = new Random(42);
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) {
            hashes[i] = i > 0 && random.nextInt(10) == 0
                    ? flip(hashes[random.nextInt(i)], random.nextInt(maxDistance + 1), random) : random.nextLong();
        }
        // CPU time beside wall time: on a shared machine the wall time says more about the neighbours
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int round = 1; round <= 2; round++) {
            long start = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            List<int[]> groups = HammingGroups.groups(hashes, maxDistance);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
            long members = groups.stream().mapToLong(g -> g.length).sum();
            System.out.printf(Locale.ROOT, "round %d: %,d hashes grouped (limit %d) in %.2f s (%.1f CPU s): %,d groups, "
                    + "%,d images%n", round, count, maxDistance, seconds, cpuSeconds, groups.size(), members);
        }
        int sample = 5_000;
        AtomicLong close = new AtomicLong();
        long start = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        for (int a = 0; a < sample; a++) {
            for (int b = a + 1; b < count; b++) {
                if (Long.bitCount(hashes[a] ^ hashes[b]) <= maxDistance) {
                    close.incrementAndGet();
                }
            }
        }
        double sampleSeconds = (System.nanoTime() - start) / 1e9;
        double sampleCpu = (os.getProcessCpuTime() - cpu) / 1e9;
        double pairsDone = (double) sample * count - (double) sample * (sample + 1) / 2;
        double scale = (double) count * (count - 1) / 2 / pairsDone;
        System.out.printf(Locale.ROOT, "every pair, one thread: %.1f s (%.1f CPU s) for the first %,d hashes' pairs, "
                + "about %.0f s (%.0f CPU s) for all%n", sampleSeconds, sampleCpu, sample, sampleSeconds * scale,
                sampleCpu * scale);
    }

    private static long flip(long hash, int bits, Random random) {
        long out = hash;
        for (int i = 0; i < bits; i++) {
            out ^= 1L << random.nextInt(64);
        }
        return out;
    }
}
