package org.gallery.imaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Thumbnail throughput (1024, 512 and 256 per image, JPEG q85) in milliseconds per source megapixel, per engine,
 * with one and two worker threads. Not a test: {@code bench/thumbnails.sh} runs it on the shared corpus, or by hand on
 * a folder of photos:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --enable-native-access=ALL-UNNAMED -Xmx512m -XX:+UseSerialGC \
 *     -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.gallery.imaging.ThumbnailBenchmark FOLDER [--engines vips,java] [--threads 1,2] [--rounds 3]
 *     [--reference BENCH_DIR]
 * </pre>
 *
 * With {@code --reference} it also runs the reference tools of the shared bench folder (Pillow with draft mode
 * and a cascade, and vipsthumbnail with a cascade; they need python3-pil and libvips-tools) on the same files.
 * Variants run round-robin and ratios are taken within each round, so all of them see the same machine load.
 * Peak RSS is the JVM's high-water mark, so run one engine and one thread count per JVM for a memory figure.
 *
 * <p>Give the Java engine at least 512 MiB of heap for two threads: the JDK's JPEG codec holds pixel arrays in
 * JNI critical regions, and on a small heap the frequent collections wait for them, so two threads run barely
 * faster than one (measured here: 2 threads at 256 MiB about 1.6x slower than at 512 MiB).
 */
public final class ThumbnailBenchmark {

    private static final List<Integer> SIZES = List.of(1024, 512, 256);
    private static final int QUALITY = 85;

    private record Source(Path path, double megapixels) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ThumbnailBenchmark FOLDER [--engines vips,java] [--threads 1,2] "
                    + "[--rounds 3] [--reference BENCH_DIR]");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        List<String> engines = List.of("vips", "java");
        List<Integer> threads = List.of(1, 2);
        int rounds = 3;
        Path reference = null;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--engines" -> engines = List.of(args[i + 1].split(","));
                case "--threads" -> threads = Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--reference" -> reference = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // with the libvips engine, also how close it gets to the decode alone
        boolean floor = engines.contains("vips") && VipsLibrary.get() != null;
        List<Source> sources = sources(folder);
        double megapixels = sources.stream().mapToDouble(Source::megapixels).sum();
        System.out.printf(Locale.ROOT, "%d images, %.1f MP, %d rounds (median), sizes %s, q%d%n",
                sources.size(), megapixels, rounds, SIZES, QUALITY);
        Path out = Files.createTempDirectory("thumbs-bench");

        List<Variant> variants = new ArrayList<>();
        for (String id : engines) {
            ImagingEngine engine = ImagingEngines.select(id);
            run(engine, sources, 1, out); // warm-up: JIT, libvips' first-use initialisation
            for (int n : threads) {
                variants.add(new Variant(id + " (" + engine.version() + ")", n, () -> run(engine, sources, n, out)));
            }
        }
        if (floor) {
            VipsOperations ops = new VipsOperations(VipsLibrary.get());
            for (int n : threads) {
                variants.add(new Variant("floor: libvips' decode at the chosen scale alone", n,
                        () -> decodeOnly(ops, sources, n)));
            }
        }
        if (reference != null) {
            variants.addAll(references(reference, sources, threads, out));
        }
        // Round-robin: every variant runs once per round, so all of them see the same machine load.
        double[][] seconds = new double[variants.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < variants.size(); v++) {
                seconds[v][r] = variants.get(v).run().call();
            }
        }
        int baseline = reference == null ? -1 : variants.size() - 2 * threads.size();
        for (int v = 0; v < variants.size(); v++) {
            Variant variant = variants.get(v);
            double wall = median(seconds[v]);
            String ratio = "";
            if (baseline >= 0) {
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratios[r] = seconds[v][r] / seconds[baseline][r];
                }
                ratio = String.format(Locale.ROOT, "  %.2fx Pillow/1", median(ratios));
            }
            System.out.printf(Locale.ROOT, "%-52s threads=%d  wall %6.2f s  %5.1f images/s  %5.1f ms/MP%s%n",
                    variant.name(), variant.threads(), wall, sources.size() / wall, wall * 1000 / megapixels, ratio);
        }
        System.out.printf(Locale.ROOT, "peak RSS of this JVM: %d MiB (run one engine and thread count per JVM "
                + "for a figure of its own)%n", peakRssMiB());
    }

    private record Variant(String name, int threads, Callable<Double> run) {
    }

    private static double run(ImagingEngine engine, List<Source> sources, int threads, Path out)
            throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (Source source : sources) {
                done.add(pool.submit(() -> {
                    var thumbs = engine.thumbnails(source.path(), SIZES, QUALITY);
                    String stem = source.path().getFileName().toString().replaceAll("\\.[^.]*$", "");
                    for (var entry : thumbs.jpegs().entrySet()) {
                        Files.write(out.resolve(stem + "_" + entry.getKey() + ".jpg"), entry.getValue());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * What no thumbnail pipeline on libvips can go below: each photo decoded into memory at the scale the engine
     * decodes it at (JPEG shrunk in the decoder down to the largest size), nothing resized, encoded or written.
     */
    private static double decodeOnly(VipsOperations ops, List<Source> sources, int threads) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (Source source : sources) {
                done.add(pool.submit(() -> {
                    int shrink = 1;
                    if (ImageProbe.sniff(source.path()) == ImageFormat.JPEG) {
                        try (VipsImage header = ops.open(source.path())) {
                            shrink = VipsEngine.jpegShrink(Math.max(header.width(), header.height()), SIZES.getFirst());
                        }
                    }
                    try (VipsImage image = ops.open(source.path(), true, shrink, true);
                            VipsImage pixels = ops.copyMemory(image)) {
                        return pixels.width();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Pillow (draft mode, cascade) and vipsthumbnail (cascade), as the shared bench's anchors run them. */
    private static List<Variant> references(Path bench, List<Source> sources, List<Integer> threads, Path out) {
        List<String> files = sources.stream().map(s -> s.path().toAbsolutePath().toString()).toList();
        List<Variant> variants = new ArrayList<>();
        for (int n : threads) {
            List<String> pillow = new ArrayList<>(List.of("/usr/bin/python3",
                    bench.resolve("thumbs_pillow.py").toString(), "cascade", String.valueOf(n),
                    out.resolve("pillow").toString()));
            pillow.addAll(files);
            variants.add(new Variant("Pillow draft + cascade (process)", n, () -> processes(List.of(pillow))));
        }
        // Two workers are two processes on alternate files, as the anchors script splits them.
        for (int n : threads) {
            List<List<String>> commands = new ArrayList<>();
            for (int part = 0; part < n; part++) {
                List<String> cmd = new ArrayList<>(List.of("sh", bench.resolve("thumbs_cli.sh").toString(),
                        "vips-batch-cas", out.resolve("vips-cli").toAbsolutePath().toString()));
                for (int i = part; i < files.size(); i += n) {
                    cmd.add(files.get(i));
                }
                commands.add(cmd);
            }
            variants.add(new Variant("vipsthumbnail cascade (processes)", n, () -> processes(commands)));
        }
        return variants;
    }

    private static double processes(List<List<String>> commands) throws Exception {
        long start = System.nanoTime();
        List<Process> running = new ArrayList<>();
        for (List<String> command : commands) {
            running.add(start(command));
        }
        for (Process p : running) {
            check(p);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static Process start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("VIPS_CONCURRENCY", "1");
        return pb.start();
    }

    private static void check(Process p) throws Exception {
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("reference tool failed: " + output);
        }
    }

    private static List<Source> sources(Path folder) throws IOException {
        ImageProbe probe = new ImageProbe(Long.MAX_VALUE);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> {
                        try {
                            ImageFacts facts = probe.probe(p);
                            return new Source(p, facts.pixels() / 1e6);
                        } catch (ImageRejectedException notAnImage) {
                            return null;
                        }
                    })
                    .filter(s -> s != null)
                    // Largest first, so two workers finish together.
                    .sorted(Comparator.comparingDouble(Source::megapixels).reversed())
                    .toList();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux
        }
        return -1;
    }

    private ThumbnailBenchmark() {
    }
}
