package org.gallery.migration.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.gallery.GalleryApplication;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.StepProgress;
import org.gallery.migration.extract.ArchiveExtractor;
import org.gallery.migration.extract.ExtractionProgress;
import org.gallery.migration.extract.ExtractionSummary;
import org.gallery.migration.importer.ImportSummary;
import org.gallery.migration.importer.PhotosetImporter;
import org.gallery.testing.Db;
import org.gallery.testing.TestServices;

/**
 * Migration at scale, run on demand (bench/migration.sh), not by the test suite. Generates N archives of M small
 * JPEGs (default 1,000 x 50) with a metadata file each, then, in one run:
 * <ol>
 *   <li>times {@code unzip -q} of every archive beside the extract step on the same archives (three rounds,
 *       alternating which goes first; the best of each is compared);</li>
 *   <li>times the import step (no thumbnails) into a fresh PostgreSQL database, then into a fresh SQLite one, and
 *       a rerun that finds everything unchanged.</li>
 * </ol>
 */
public final class MigrationBenchmark {

    public static void main(String[] args) throws Exception {
        int archives = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perArchive = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path work = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"), "gallery-migration-bench");
        int rounds = Integer.getInteger("bench.rounds", 4);
        Path source = work.resolve("archives-" + archives + "x" + perArchive);
        generate(source, archives, perArchive);
        long bytes;
        try (Stream<Path> files = Files.list(source)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "%n== %,d archives x %d images (%,.1f MiB of archives) in %s; %d cores%n",
                archives, perArchive, bytes / 1048576.0, source, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "   load average before: %s%n", loadAverage());

        List<Double> unzipTimes = new java.util.ArrayList<>();
        List<Double> extractTimes = new java.util.ArrayList<>();
        Path extracted = null;
        for (int round = 0; round < rounds; round++) {
            boolean unzipFirst = round % 2 == 0;
            for (int step = 0; step < 2; step++) {
                if ((step == 0) == unzipFirst) {
                    Path out = clean(work.resolve("unzip-out"));
                    settle();
                    double t = unzip(source, out);
                    unzipTimes.add(t);
                    System.out.printf(Locale.ROOT, "   round %d  unzip -q   %7.2f s%n", round + 1, t);
                } else {
                    extracted = clean(work.resolve("storage-extract"));
                    settle();
                    double t = extract(source, extracted.resolve("images"));
                    extractTimes.add(t);
                    System.out.printf(Locale.ROOT, "   round %d  extract    %7.2f s%n", round + 1, t);
                }
            }
        }
        double bestUnzip = unzipTimes.stream().min(Double::compare).orElseThrow();
        double bestExtract = extractTimes.stream().min(Double::compare).orElseThrow();
        System.out.printf(Locale.ROOT, "extract: best %.2f s vs unzip -q best %.2f s -> %.2fx unzip (target <= 1.25x); "
                + "medians %.2f s vs %.2f s -> %.2fx; %,.0f images/s%n", bestExtract, bestUnzip, bestExtract / bestUnzip,
                median(extractTimes), median(unzipTimes), median(extractTimes) / median(unzipTimes),
                archives * perArchive / bestExtract);

        for (Db db : Boolean.parseBoolean(System.getProperty("bench.import", "true")) ? List.of(Db.POSTGRES, Db.SQLITE) : List.<Db>of()) {
            importInto(db, source, extracted.resolve("images"), work, archives * perArchive);
        }
        System.out.printf(Locale.ROOT, "   load average after: %s%n", loadAverage());
        System.exit(0);
    }

    private static void importInto(Db db, Path metadata, Path images, Path work, int expected) throws Exception {
        Path storage = clean(work.resolve("storage-import-" + db.name().toLowerCase(Locale.ROOT)));
        Files.move(images, storage.resolve("images"));
        Map<String, String> env = new HashMap<>();
        env.put("STORAGE_ROOT", storage.toString());
        if (db == Db.POSTGRES) {
            env.put("DATABASE_URL", TestServices.newPostgresDatabase());
        }
        Settings settings = SettingsLoader.load(env, work);
        var context = GalleryApplication.startWithoutWeb(settings);
        try (var services = MigrationServices.lent(settings, context, false)) {
            var options = new PhotosetImporter.Options(metadata, metadata, false,
                    Runtime.getRuntime().availableProcessors(), Map.of());
            ImportSummary first = new PhotosetImporter(services, settings).run(options, StepProgress.NONE);
            if (first.imagesRegistered() != expected || !first.allHandled()) {
                throw new IllegalStateException("import registered " + first.imagesRegistered() + " of " + expected
                        + "; failures " + first.failures());
            }
            long start = System.nanoTime();
            ImportSummary again = new PhotosetImporter(services, settings).run(options, StepProgress.NONE);
            double rerun = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "import (%s, no thumbnails): %,d images in %.2f s -> %,.0f images/s%s; "
                            + "rerun %.2f s (%d photosets unchanged)%n", db, first.imagesRegistered(), first.seconds(),
                    first.imagesPerSecond(), db == Db.POSTGRES ? " (target >= 2,000/s)" : "", rerun, again.photosetsUnchanged());
        } finally {
            context.close();
        }
        Files.move(storage.resolve("images"), images);
    }

    /** Writes back what earlier rounds left in the page cache, so that it does not land in the next timing. */
    private static void settle() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        Thread.sleep(500);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double unzip(Path source, Path out) throws Exception {
        List<Path> zips = archives(source);
        long start = System.nanoTime();
        for (Path zip : zips) {
            String stem = zip.getFileName().toString().replaceFirst("\\.zip$", "");
            Process p = new ProcessBuilder("unzip", "-q", zip.toString(), "-d", out.resolve(stem).toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("unzip failed on " + zip);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double extract(Path source, Path images) throws IOException {
        var limits = new Settings.ArchiveLimits(512L << 20, 65_536L << 20, 100, 100_000);
        long start = System.nanoTime();
        ExtractionSummary summary = new ArchiveExtractor(limits).extractAll(source, images, ExtractionProgress.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!summary.allHandled()) {
            throw new IllegalStateException("extract failed: " + summary.failed());
        }
        return seconds;
    }

    /** Archives of distinct small JPEGs (every image different), plus one metadata file per archive. */
    private static void generate(Path source, int archives, int perArchive) throws IOException {
        Path done = source.resolve(".complete");
        if (Files.exists(done)) {
            return;
        }
        clean(source);
        long start = System.nanoTime();
        Random random = new Random(42);
        for (int a = 0; a < archives; a++) {
            String name = String.format("Set %04d", a);
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(source.resolve(name + ".zip")))) {
                for (int i = 0; i < perArchive; i++) {
                    zip.putNextEntry(new ZipEntry(name + "/IMG_" + String.format("%04d", i) + ".jpg"));
                    zip.write(jpeg(random));
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry("__MACOSX/._IMG_0000.jpg"));
                zip.write(new byte[] {0, 5, 22, 7});
                zip.closeEntry();
            }
            Files.writeString(source.resolve(name + ".json"), "{\"url\": \"https://old.example/" + a + "\", \"date\": \""
                    + (1 + a % 28) + "/0" + (1 + a % 9) + "/2019\", \"tags\": [\"tag " + a % 50 + "\", \"bench\"],"
                    + " \"actors\": [\"Actor " + a % 200 + "\"], \"views\": " + a + "}");
        }
        Files.writeString(done, "");
        System.out.printf(Locale.ROOT, "generated %,d archives in %.1f s%n", archives, (System.nanoTime() - start) / 1e9);
    }

    private static byte[] jpeg(Random random) throws IOException {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillRect(0, 0, 96, 64);
        for (int i = 0; i < 6; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillOval(random.nextInt(96), random.nextInt(64), 10 + random.nextInt(40), 10 + random.nextInt(30));
        }
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static List<Path> archives(Path source) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            return files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
    }

    private static Path clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private MigrationBenchmark() {
    }
}
