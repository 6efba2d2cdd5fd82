package org.gallery.imaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Thumbnail throughput (1024, 512 and 256 per image, JPEG q85) in milliseconds per source megapixel, per engine,
 * with one and two worker threads. Not a test: run it by hand on a folder of photos.
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
 * and a cascade, and vipsthumbnail with a cascade) in the same invocation on the same files, so the ratios compare
 * runs made under the same machine load. Peak RSS is the process's high-water mark so far, so run one engine and
 * one thread count per JVM for a clean memory figure.
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
        List<Source> sources = sources(folder);
        double megapixels = sources.stream().mapToDouble(Source::megapixels).sum();
        System.out.printf(Locale.ROOT, "%d images, %.1f MP, %d rounds (median), sizes %s, q%d%n",
                sources.size(), megapixels, rounds, SIZES, QUALITY);
        Path out = Files.createTempDirectory("thumbs-bench");

        for (String id : engines) {
            ImagingEngine engine = ImagingEngines.select(id);
            run(engine, sources, 1, 1, out); // warm-up: JIT, libvips' first-use initialisation
            for (int n : threads) {
                double[] seconds = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    seconds[r] = run(engine, sources, n, r, out);
                }
                report(id + " (" + engine.version() + ")", n, median(seconds), megapixels, sources.size());
                System.out.printf(Locale.ROOT, "    peak RSS so far: %d MiB%n", peakRssMiB());
            }
        }
        if (reference != null) {
            references(reference, sources, threads, rounds, megapixels, out);
        }
    }

    private static double run(ImagingEngine engine, List<Source> sources, int threads, int round, Path out)
            throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (Source source : sources) {
                done.add(pool.submit(() -> {
                    var thumbs = engine.thumbnails(source.path(), SIZES, QUALITY);
                    String stem = source.path().getFileName().toString().replaceAll("\\.[^.]*$", "");
                    for (var entry : thumbs.entrySet()) {
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

    private static void references(Path bench, List<Source> sources, List<Integer> threads, int rounds,
            double megapixels, Path out) throws Exception {
        List<String> files = sources.stream().map(s -> s.path().toAbsolutePath().toString()).toList();
        for (int n : threads) {
            List<String> pillow = new ArrayList<>(List.of("/usr/bin/python3", bench.resolve("thumbs_pillow.py").toString(),
                    "cascade", String.valueOf(n), out.resolve("pillow").toString()));
            pillow.addAll(files);
            timeCommand("Pillow draft + cascade", n, pillow, rounds, megapixels, sources.size());
        }
        // vipsthumbnail in two halves for two workers, as the shared anchors script does.
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
            double[] seconds = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                List<Process> running = new ArrayList<>();
                for (List<String> cmd : commands) {
                    running.add(start(cmd));
                }
                for (Process p : running) {
                    check(p);
                }
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
            report("vipsthumbnail cascade (processes)", n, median(seconds), megapixels, sources.size());
        }
    }

    private static void timeCommand(String name, int threads, List<String> command, int rounds, double megapixels,
            int images) throws Exception {
        double[] seconds = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            check(start(command));
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        report(name + " (process wall)", threads, median(seconds), megapixels, images);
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

    private static void report(String name, int threads, double seconds, double megapixels, int images) {
        System.out.printf(Locale.ROOT, "%-48s threads=%d  wall %6.2f s  %6.1f images/s  %5.1f ms/MP%n",
                name, threads, seconds, images / seconds, seconds * 1000 / megapixels);
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
