package org.gallery.export.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.gallery.GalleryApplication;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.image.ImageService;
import org.gallery.photoset.PhotosetRequest;
import org.gallery.photoset.PhotosetService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export throughput and memory, run on demand (bench/export.sh), not by the test suite.
 *
 * <p>Seeds the shared bench corpus into an embedded SQLite store: once as photoset "small" and, as unique copies
 * (a few bytes appended), up to about 2 GiB as photoset "big". Then starts {@code gallery serve} in its own JVM
 * with the launcher's options and, round by round, times {@code zip -0 -r} of the big folder, the export job of
 * the big photoset (originals) and the streamed export of it (written to disk by the client); then the export job
 * of the small photoset with {@code max_size=1024}; sampling the server's RSS throughout. Each timed phase starts
 * after a {@code sync}; the export job's time includes its fsyncs, zip's does not.
 */
public final class ExportBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/bench/corpus").toAbsolutePath().normalize();
        long targetBytes = (long) (Double.parseDouble(args.length > 1 ? args[1] : "2") * (1L << 30));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("No corpus in " + corpus + "; run make_corpus.sh there first");
        }
        Path root = Files.createTempDirectory("gallery-export-bench");
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("STORAGE_ROOT", root.toString());
        env.put("API_HOST", "127.0.0.1");
        env.put("API_PORT", Integer.toString(port));
        // what is measured is the export; accounts are off, which loopback allows
        env.put("AUTH", "off");
        Settings settings = SettingsLoader.load(env, Path.of("target"));

        Seeded seeded = seed(settings, files, targetBytes);
        System.out.printf(Locale.ROOT, "corpus: %d files, %.1f MB; big set: %d images, %.2f GiB%n", files.size(),
                seeded.smallBytes / 1e6, seeded.bigCount, seeded.bigBytes / (double) (1L << 30));

        Process server = startServer(env, root.resolve("serve.log"));
        try {
            String base = "http://127.0.0.1:" + port;
            waitHealthy(base, server);
            RssSampler rss = new RssSampler(server.toHandle());
            rss.start();
            System.out.printf(Locale.ROOT, "server idle RSS %d MiB%n", rss.current() / (1 << 20));
            Path out = root.resolve("out");
            Files.createDirectories(out);
            // warm-up, not timed: the JIT and the page cache
            exportJob(base, Map.of("photoset_id", seeded.small.toString()));
            streamed(base + "/api/v2/photosets/" + seeded.small + "/export", out.resolve("warm.zip"));
            List<double[]> results = new ArrayList<>();
            double mb = seeded.bigBytes / 1e6;
            for (int round = 1; round <= rounds; round++) {
                sync();
                double zip = zipReference(settings.storage().images(), seeded.bigFolder, out.resolve("ref.zip"));
                sync();
                rss.reset();
                double job = exportJob(base, Map.of("photoset_id", seeded.big.toString()));
                long jobPeak = rss.peak();
                sync();
                rss.reset();
                double stream = streamed(base + "/api/v2/photosets/" + seeded.big + "/export", out.resolve("stream.zip"));
                long streamPeak = rss.peak();
                System.out.printf(Locale.ROOT,
                        "round %d: zip -0 -r %.0f MB/s | job originals %.0f MB/s (%.2fx zip, peak RSS %d MiB) | "
                                + "streamed originals %.0f MB/s (%.2fx zip, peak RSS %d MiB)%n",
                        round, mb / zip, mb / job, zip / job, jobPeak >> 20, mb / stream, zip / stream,
                        streamPeak >> 20);
                results.add(new double[] {zip, job, stream, 0, jobPeak, streamPeak, 0});
                Files.deleteIfExists(out.resolve("ref.zip"));
                Files.deleteIfExists(out.resolve("stream.zip"));
            }
            // re-encoding last: libvips' native buffers stay in the resident set once used
            for (int round = 0; round < rounds; round++) {
                sync();
                double zip = zipReference(settings.storage().images(), seeded.smallFolder, out.resolve("ref.zip"));
                rss.reset();
                double resized = exportJob(base, Map.of("photoset_id", seeded.small.toString(), "max_size", 1024));
                long resizedPeak = rss.peak();
                System.out.printf(Locale.ROOT, "resize round %d: job max_size=1024 %.1f images/s, %.1f MB/s of originals "
                                + "(zip -0 -r of the same files %.0f MB/s), peak RSS %d MiB%n", round + 1,
                        files.size() / resized, seeded.smallBytes / 1e6 / resized, seeded.smallBytes / 1e6 / zip,
                        resizedPeak >> 20);
                results.get(round)[3] = resized;
                results.get(round)[6] = resizedPeak;
                Files.deleteIfExists(out.resolve("ref.zip"));
            }
            double zip = median(results, 0);
            double job = median(results, 1);
            double stream = median(results, 2);
            double resized = median(results, 3);
            System.out.printf(Locale.ROOT, "%nmedian of %d rounds, %.2f GiB of originals:%n", rounds, seeded.bigBytes / (double) (1L << 30));
            System.out.printf(Locale.ROOT, "  zip -0 -r                %7.0f MB/s%n", mb / zip);
            System.out.printf(Locale.ROOT, "  export job, originals    %7.0f MB/s  = %.2fx zip   peak RSS %d MiB%n", mb / job,
                    zip / job, (long) max(results, 4) >> 20);
            System.out.printf(Locale.ROOT, "  streamed, originals      %7.0f MB/s  = %.2fx zip   peak RSS %d MiB%n", mb / stream,
                    zip / stream, (long) max(results, 5) >> 20);
            System.out.printf(Locale.ROOT, "  export job, max_size=1024 %6.1f images/s, %.1f MB/s (%d images, %.0f MP)  peak RSS %d MiB%n",
                    files.size() / resized, seeded.smallBytes / 1e6 / resized, files.size(), seeded.smallMegapixels,
                    (long) max(results, 6) >> 20);
            rss.stop();
        } finally {
            server.destroy();
            server.waitFor();
            deleteTree(root);
        }
        System.exit(0);
    }

    record Seeded(UUID small, UUID big, String smallFolder, String bigFolder, long smallBytes, long bigBytes, int bigCount,
            double smallMegapixels) {
    }

    /** Registers the corpus once in "small" and as unique copies in "big", through the services, without HTTP. */
    private static Seeded seed(Settings settings, List<Path> files, long targetBytes) throws IOException {
        try (var context = GalleryApplication.startWithoutWeb(settings)) {
            PhotosetService photosets = context.getBean(PhotosetService.class);
            ImageService images = context.getBean(ImageService.class);
            org.gallery.image.ImageRegistry registry = context.getBean(org.gallery.image.ImageRegistry.class);
            UUID small = photosets.create(new PhotosetRequest("small", null, null, null, null, null, null, null)).id();
            UUID big = photosets.create(new PhotosetRequest("big", null, null, null, null, null, null, null)).id();
            String smallFolder = photosets.folder(small).orElseThrow().folder();
            String bigFolder = photosets.folder(big).orElseThrow().folder();
            long smallBytes = 0;
            double megapixels = 0;
            for (Path f : files) {
                Path target = settings.storage().images().resolve(smallFolder).resolve(f.getFileName().toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
                var r = registry.registerExisting(small, smallFolder + "/" + f.getFileName(), null, List.of());
                var image = images.get(r.imageId());
                megapixels += image.width() * (double) image.height() / 1e6;
                smallBytes += Files.size(f);
            }
            long bigBytes = 0;
            int count = 0;
            for (int copy = 1; bigBytes < targetBytes; copy++) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    String unique = name.substring(0, dot) + "_" + copy + name.substring(dot);
                    Path target = settings.storage().images().resolve(bigFolder).resolve(unique);
                    Files.createDirectories(target.getParent());
                    try (InputStream in = Files.newInputStream(f); OutputStream o = Files.newOutputStream(target)) {
                        in.transferTo(o);
                        o.write(("#" + copy).getBytes());
                    }
                    registry.registerExisting(big, bigFolder + "/" + unique, null, List.of());
                    bigBytes += Files.size(target);
                    count++;
                }
            }
            return new Seeded(small, big, smallFolder, bigFolder, smallBytes, bigBytes, count, megapixels);
        }
    }

    private static Process startServer(Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC"));
        String extra = System.getenv("GALLERY_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.gallery.GalleryCli", "serve"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Flushes dirty pages, so one phase's writeback does not slow the next. */
    private static void sync() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private static double zipReference(Path imagesDir, String folder, Path target) throws Exception {
        Files.deleteIfExists(target);
        long start = System.nanoTime();
        Process p = new ProcessBuilder("zip", "-0", "-r", "-q", target.toString(), folder)
                .directory(imagesDir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("zip failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds from POST to a succeeded job; the finished file is removed afterwards. */
    private static double exportJob(String base, Map<String, Object> body) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        var created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/exports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 202) {
            throw new IllegalStateException("export not accepted: " + created.body());
        }
        String id = JSON.readTree(created.body()).get("id").asString();
        while (true) {
            JsonNode job = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/exports/" + id))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            String status = job.get("status").asString();
            if (status.equals("succeeded")) {
                double seconds = (System.nanoTime() - start) / 1e9;
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/exports/" + id)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
                return seconds;
            }
            if (!status.equals("queued") && !status.equals("running")) {
                throw new IllegalStateException("export " + status + ": " + job);
            }
            Thread.sleep(20);
        }
    }

    /** Seconds to receive a streamed export into a file on the same disk. */
    private static double streamed(String url, Path target) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofFile(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("streamed export answered " + response.statusCode());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Samples a process's resident set every 20 ms. */
    private static final class RssSampler {
        private final ProcessHandle process;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        RssSampler(ProcessHandle process) {
            this.process = process;
        }

        void start() {
            Thread t = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(current(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            t.setDaemon(true);
            t.start();
        }

        long current() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            return 0;
        }

        void reset() {
            peak.set(current());
        }

        long peak() {
            return peak.get();
        }

        void stop() {
            running = false;
        }
    }

    private static void waitHealthy(String base, Process server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            if (!server.isAlive()) {
                throw new IllegalStateException("gallery serve exited; see serve.log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("gallery serve did not become healthy");
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v[v.length / 2];
    }

    private static double max(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).max().orElse(0);
    }

    private static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
