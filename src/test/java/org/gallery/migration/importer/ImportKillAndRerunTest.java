package org.gallery.migration.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gallery.config.DatabaseUrl;
import org.gallery.migration.MigrationEnv;
import org.gallery.testing.Db;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real {@code gallery migrate import} in a child JVM, killed with SIGKILL part way (twice, at different points),
 * then run again: the end state is the one an uninterrupted run produces, with no duplicates and never a photoset
 * with only some of its images.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class ImportKillAndRerunTest {

    static final int FOLDERS = 40;
    static final int IMAGES_PER_FOLDER = 25;

    @Parameter
    Db db;

    MigrationEnv env;
    MigrationEnv reference;

    @BeforeEach
    void setUp() throws IOException {
        env = MigrationEnv.create(db);
        reference = MigrationEnv.create(db);
        for (int f = 0; f < FOLDERS; f++) {
            String folder = String.format("Set %02d", f);
            for (int i = 0; i < IMAGES_PER_FOLDER; i++) {
                env.image(folder, String.format("IMG_%03d.jpg", i), TestImages.jpeg(24 + i % 5, 16 + f % 7));
            }
            env.metadata(folder + ".json", "{\"url\": \"https://old.example/" + f + "\", \"date\": \"0" + (1 + f % 9)
                    + "/03/2020\", \"tags\": [\"tag " + f % 6 + "\", \"all\"], \"actors\": [\"Actor " + f % 4 + "\"]}");
        }
        env.image("Set 03", "readme.txt", "not an image".getBytes());
        copyTree(env.root, reference.root);
    }

    @AfterEach
    void tearDown() {
        env.close();
        reference.close();
    }

    @Test
    void killedRunsRerunToTheStateOfAnUninterruptedRun() throws Exception {
        assertThat(reference.runImport()).as(reference.out).isZero();
        List<String> expected = reference.dump();
        reference.close();

        int total = FOLDERS * IMAGES_PER_FOLDER;
        long afterFirstKill = runAndKillWhen(1);
        assertThat(afterFirstKill).as("killed part way").isBetween(1L, (long) total - 1);
        assertNoHalfImportedPhotoset();
        long afterSecondKill = runAndKillWhen(afterFirstKill + total / 3);
        assertThat(afterSecondKill).isGreaterThan(afterFirstKill);
        assertNoHalfImportedPhotoset();

        int exit = env.runImport();

        System.out.println(env.out);
        assertThat(exit).as(env.out + env.err).isZero();
        assertThat(env.dump()).isEqualTo(expected);
        assertThat(env.count("images")).isEqualTo(total);
        assertThat(env.out).contains("unchanged").contains("0 failed");

        exit = env.runImport();
        assertThat(exit).isZero();
        assertThat(env.out).contains("0 created, 0 updated, " + FOLDERS + " unchanged");
        assertThat(env.dump()).isEqualTo(expected);
    }

    /** Starts the import in a child JVM and kills it once at least {@code images} images are committed. */
    private long runAndKillWhen(long images) throws Exception {
        long t0 = System.currentTimeMillis();
        Process child = startChild();
        long seen;
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            do {
                seen = env.rowsSoFar("images");
                if (seen >= images || !child.isAlive()) {
                    break;
                }
                Thread.sleep(10);
            } while (System.currentTimeMillis() < deadline);
        } finally {
            child.destroyForcibly();   // SIGKILL: no shutdown hooks, no finally blocks, transactions cut off
            child.waitFor(30, TimeUnit.SECONDS);
        }
        String log = Files.readString(env.base.resolve("child.log"));
        System.out.printf("%s: killed after %d images had been seen (waiting for %d), %d ms after the start%n", db, seen,
                images, System.currentTimeMillis() - t0);
        assertThat(log).as("the child was killed before it finished").doesNotContain("Import summary");
        return env.rowsSoFar("images");
    }

    private Process startChild() throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.gallery.GalleryCli", "migrate", "import", "--workers", "2")
                .directory(env.base.toFile())
                .redirectErrorStream(true)
                .redirectOutput(env.base.resolve("child.log").toFile());
        Map<String, String> childEnv = builder.environment();
        childEnv.keySet().removeIf(k -> k.startsWith("GALLERY_") || List.of("DATABASE_URL", "REDIS_URL", "IMAGES_DIR",
                "THUMBNAILS_DIR", "CROPS_DIR", "ARCHIVES_DIR", "AUTO_MIGRATE").contains(k));
        childEnv.putAll(env.env);
        return builder.start();
    }

    /** Every photoset in the database has all the images of its folder, and its count says so. */
    private void assertNoHalfImportedPhotoset() throws Exception {
        DatabaseUrl url = env.settings.database();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             ResultSet rs = c.createStatement().executeQuery("select p.folder, p.image_count,"
                     + " (select count(*) from images i where i.photoset_id = p.id) from photosets p")) {
            while (rs.next()) {
                String folder = rs.getString(1);
                assertThat(rs.getInt(2)).as("count of %s", folder).isEqualTo(rs.getInt(3));
                assertThat(rs.getInt(3)).as("images of %s", folder).isEqualTo(IMAGES_PER_FOLDER);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
