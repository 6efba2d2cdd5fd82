package org.gallery.migration.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gallery.migration.BucketView;
import org.gallery.migration.MigrationEnv;
import org.gallery.migration.verify.VerifyCommand;
import org.gallery.testing.Db;
import org.gallery.testing.TestImages;
import org.gallery.testing.TestS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real {@code gallery migrate bootstrap} on a bucket in a child JVM, killed with SIGKILL while it extracts into the
 * bucket and again while it imports, then run to the end: every image is in the database once and in the bucket
 * once, under the name an uninterrupted run gives it, with no other object beside them, and verify finds nothing
 * to report.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class BootstrapKillOnS3Test {

    static final int ARCHIVES = 12;
    static final int IMAGES_PER_ARCHIVE = 10;

    @Parameter
    Db db;

    MigrationEnv env;
    BucketView bucket;
    final List<String> expectedObjects = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        env = MigrationEnv.create(db, TestS3.environment());
        bucket = new BucketView(env.settings);
        for (int a = 0; a < ARCHIVES; a++) {
            String name = String.format("Set %02d", a);
            Path file = env.archives().resolve(name + ".zip");
            Files.createDirectories(file.getParent());
            try (var out = new ZipOutputStream(Files.newOutputStream(file))) {
                for (int i = 0; i < IMAGES_PER_ARCHIVE; i++) {
                    // two inner folders with the same file names: the second of each pair is renamed
                    String entry = (i % 2 == 0 ? "a/" : "b/") + String.format("IMG_%03d.jpg", i / 2);
                    out.putNextEntry(new ZipEntry(entry));
                    out.write(TestImages.jpeg(24 + i % 5, 16 + a % 7));
                    out.closeEntry();
                    expectedObjects.add(name + "/" + String.format("IMG_%03d", i / 2) + (i % 2 == 0 ? "" : "_2") + ".jpg");
                }
            }
            expectedObjects.add(name + "/.gallery-extract.json");
            env.metadata(name + ".json", "{\"tags\": [\"tag " + a % 3 + "\"]}");
        }
        expectedObjects.sort(null);
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    @Test
    void killedWhileExtractingAndWhileImportingThenRunToTheEnd() throws Exception {
        int total = ARCHIVES * IMAGES_PER_ARCHIVE;
        long stored = runAndKillWhen(() -> bucket.images().size(), total / 3);
        assertThat(stored).as("killed while extracting").isBetween(1L, (long) expectedObjects.size() - 1);
        assertThat(env.rowsSoFar("images")).isZero();

        long imported = runAndKillWhen(() -> env.rowsSoFar("images"), 1);
        assertThat(imported).as("killed while importing").isBetween(1L, (long) total - 1);

        int exit = bootstrap();

        assertThat(exit).as(env.out + env.err).isZero();
        assertThat(env.count("images")).isEqualTo(total);
        assertThat(env.count("photosets")).isEqualTo(ARCHIVES);
        assertThat(((Number) env.sql().fetchValue("select count(distinct sha256) from images")).intValue())
                .as("no image twice").isEqualTo(total);
        assertThat(bucket.images()).as("every original once, nothing else").isEqualTo(expectedObjects);
        assertThat(BucketView.workFiles(env.settings)).as("nothing staged is left").isEmpty();
        assertThat(env.out).contains("5. verify:     done - the database and the disk agree");
        assertThat(env.run(new VerifyCommand(() -> env.settings, env.opener(), false), "--deep")).as(env.out).isZero();
        List<String> state = env.dump();

        assertThat(bootstrap()).as(env.out + env.err).isZero();
        assertThat(env.out).contains(ARCHIVES + " archives (" + ARCHIVES + " unchanged, 0 failed), 0 images written")
                .contains("0 created, 0 updated, " + ARCHIVES + " unchanged");
        assertThat(env.dump()).isEqualTo(state);
        assertThat(bucket.images()).isEqualTo(expectedObjects);
    }

    private int bootstrap() {
        return env.runMigrate(Map.of(BootstrapCommand.class,
                new BootstrapCommand(() -> env.settings, env.opener(), false)), "bootstrap", "--skip-thumbnails", "--workers", "2");
    }

    /** Starts bootstrap in a child JVM and kills it once {@code progress} reaches {@code at}. */
    private long runAndKillWhen(LongSupplier progress, long at) throws Exception {
        long t0 = System.currentTimeMillis();
        Process child = startChild();
        long seen;
        try {
            long deadline = System.currentTimeMillis() + 400_000;
            do {
                seen = progress.getAsLong();
                if (seen >= at || !child.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            } while (System.currentTimeMillis() < deadline);
        } finally {
            child.destroyForcibly();   // SIGKILL: no shutdown hooks, no finally blocks
            child.waitFor(30, TimeUnit.SECONDS);
        }
        String log = Files.readString(env.base.resolve("child.log"));
        System.out.printf("%s: killed at %d (waiting for %d), %d ms after the start; the end of its output:%n%s%n", db,
                seen, at, System.currentTimeMillis() - t0, log.substring(Math.max(0, log.length() - 1500)));
        assertThat(log).as("the child was killed before it finished").doesNotContain("Bootstrap finished");
        return progress.getAsLong();
    }

    private Process startChild() throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.gallery.GalleryCli", "migrate", "bootstrap", "--skip-thumbnails", "--workers", "2")
                .directory(env.base.toFile())
                .redirectErrorStream(true)
                .redirectOutput(env.base.resolve("child.log").toFile());
        Map<String, String> childEnv = builder.environment();
        childEnv.keySet().removeIf(k -> k.startsWith("GALLERY_") || k.startsWith("S3_") || k.startsWith("STORAGE_")
                || List.of("DATABASE_URL", "REDIS_URL", "IMAGES_DIR", "THUMBNAILS_DIR", "CROPS_DIR", "ARCHIVES_DIR",
                        "AUTO_MIGRATE").contains(k));
        childEnv.putAll(env.env);
        return builder.start();
    }
}
