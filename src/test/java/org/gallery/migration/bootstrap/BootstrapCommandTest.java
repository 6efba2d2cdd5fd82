package org.gallery.migration.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.gallery.config.DatabaseUrl;
import org.gallery.migration.MigrationEnv;
import org.gallery.migration.MigrationTestCase;
import org.gallery.photoset.PhotosetService;
import org.gallery.testing.Db;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BootstrapCommandTest extends MigrationTestCase {

    /** Runs {@code gallery migrate bootstrap ...} through the real command tree. */
    int bootstrap(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bootstrap";
        System.arraycopy(args, 0, all, 1, args.length);
        return env.runMigrate(Map.of(BootstrapCommand.class, new BootstrapCommand(() -> env.settings, env.opener(), false)), all);
    }

    /** Three archives with their metadata, one metadata file without an archive, junk and hostile entries. */
    void oldCollection() {
        env.zip("Summer 2024.zip", Map.of(
                "Summer 2024/IMG_0001.jpg", TestImages.jpegWithExif(40, 30, 1, "2024:07:14 12:00:00", "Nikon", "D750"),
                "Summer 2024/IMG_0002.jpg", TestImages.jpeg(30, 40),
                "Summer 2024/sub/IMG_0001.jpg", TestImages.jpeg(31, 40),
                "__MACOSX/Summer 2024/._IMG_0001.jpg", "fork".getBytes(),
                "Summer 2024/readme.txt", "hello".getBytes()));
        env.zip("Winter.zip", Map.of("a.png", TestImages.png(20, 20), "b.png", TestImages.png(21, 20), "../evil.png", TestImages.png(5, 5)));
        env.zip("Plain.zip", Map.of("only.jpg", TestImages.jpeg(12, 12)));
        env.metadata("Summer 2024.json", "\uFEFF{\"url\": \"https://old.example/summer\", \"date\": \"July 14, 2024\","
                + " \"tags\": [\"Beach\", \"beach\", \"Sun\"], \"actors\": [\"Ann\"], \"views\": 1234}");
        env.metadata("Winter.json", "{\r\n\"date\": \"05/01/2023\",\r\n\"tags\": \"snow, Cold\"\r\n}\r\n");
        env.metadata("Gone.json", "{\"url\": \"https://old.example/gone\", \"year\": \"2001\"}");
    }

    @Test
    void migratesAnOldCollectionEndToEndAndASecondRunAddsNothing() {
        oldCollection();

        int exit = bootstrap();

        assertThat(exit).as(env.out + env.err).isZero();
        var photosets = env.context().getBean(PhotosetService.class);
        var summer = photosets.findByName("Summer 2024").orElseThrow();
        assertThat(summer.imageCount()).isEqualTo(3);
        assertThat(summer.date()).isEqualTo("2024-07-14");
        assertThat(summer.tags()).containsExactly("Beach", "Sun");
        assertThat(summer.actors()).containsExactly("Ann");
        assertThat(summer.extra()).isEqualTo(Map.of("views", 1234));
        var winter = photosets.findByName("Winter").orElseThrow();
        assertThat(winter.imageCount()).isEqualTo(2);
        assertThat(winter.date()).isEqualTo("2023-01-05");
        assertThat(winter.tags()).containsExactly("Cold", "snow");
        assertThat(photosets.findByName("Plain").orElseThrow().imageCount()).isEqualTo(1);
        assertThat(photosets.findByName("Gone").orElseThrow().imageCount()).isZero();
        assertThat(env.count("images")).isEqualTo(6);
        assertThat(env.count("migration_archives")).isEqualTo(3);
        assertThat(env.out)
                .contains("1. database:   upgraded from an empty database to 008_vector_index")
                .contains("2. extract:    done - 3 archives (0 unchanged, 0 failed), 6 images written")
                .contains("4. thumbnails: done - 6 made, 0 already there, 0 failed")
                .contains("5. verify:     done - the database and the disk agree")
                .contains("Gone.json: no folder Gone in the images folder")
                .contains("Bootstrap finished.");
        List<String> state = env.dump();

        assertThat(bootstrap()).as(env.out).isZero();

        assertThat(env.dump()).isEqualTo(state);
        assertThat(env.out)
                .contains("1. database:   at revision 008_vector_index")
                .contains("3 archives (3 unchanged, 0 failed), 0 images written")
                .contains("photosets:  0 created, 0 updated, 4 unchanged, 0 failed");
    }

    @Test
    void dryRunOnAFreshStorageRootChangesNothingAtAll() throws Exception {
        oldCollection();
        List<String> before = env.tree();
        Thread.sleep(20);   // a change would show in modification times

        int exit = bootstrap("--dry-run");

        assertThat(exit).as(env.out + env.err).isZero();
        assertThat(env.tree()).isEqualTo(before);
        assertThat(env.root.resolve("gallery.db")).doesNotExist();
        assertThat(env.root.resolve("images")).doesNotExist();
        if (db == Db.POSTGRES) {
            assertThat(publicTables()).as("not even the schema").isZero();
        }
        assertThat(env.out)
                .contains("Bootstrap plan (dry run: nothing was changed)")
                .contains("2. extract:    would run - 3 archives (0 unchanged, 0 failed), 6 images to write")
                .contains("photosets:  4 to create, 0 to update, 0 unchanged, 0 failed")
                .contains("images:     6 to register, 0 already registered")
                .contains("4. thumbnails: would run")
                .contains("5. verify:     would run");
        assertThat(env.out).contains(db == Db.SQLITE ? "would be created at" : "would be upgraded from an empty database");

        assertThat(bootstrap()).as("the real run after the plan").isZero();
        assertThat(env.count("images")).isEqualTo(6);
    }

    @Test
    void dryRunAfterAMigrationShowsOnlyWhatIsNewAndChangesNothing() throws Exception {
        oldCollection();
        assertThat(bootstrap()).as(env.out).isZero();
        List<String> state = env.dump();
        env.zip("Autumn.zip", Map.of("leaf.jpg", TestImages.jpeg(10, 11), "leaf2.jpg", TestImages.jpeg(11, 10)));
        env.metadata("Autumn.json", "{\"tags\": [\"fall\"]}");
        env.closeContext();   // no process holds the database while the plan is made
        List<String> before = env.tree();
        Thread.sleep(20);

        int exit = env.runMigrate(Map.of(BootstrapCommand.class,
                new BootstrapCommand(() -> env.settings, org.gallery.migration.MigrationServices.Opener.DEFAULT, false)),
                "bootstrap", "--dry-run", "--json");

        assertThat(exit).as(env.out + env.err).isZero();
        assertThat(env.tree()).isEqualTo(before);
        JsonNode json = JsonMapper.builder().build().readTree(env.out);
        assertThat(json.get("dry_run").asBoolean()).isTrue();
        assertThat(json.get("database").get("status").asString()).isEqualTo("current");
        assertThat(json.get("extract").get("images_written").asInt()).isEqualTo(2);
        assertThat(json.get("import").get("photosets_created").asInt()).isEqualTo(1);
        assertThat(json.get("import").get("photosets_unchanged").asInt()).isEqualTo(4);
        assertThat(json.get("import").get("images_registered").asInt()).isEqualTo(2);
        assertThat(json.get("thumbnails").get("status").asString()).isEqualTo("would_run");
        assertThat(json.get("verify").isNull()).isTrue();
        assertThat(env.err).contains("database: at revision 008_vector_index");

        assertThat(env.dump()).isEqualTo(state);
    }

    @Test
    void aBrokenArchiveFailsItsStepWithoutLeavingAnEmptyPhotoset() throws Exception {
        env.zip("Good.zip", Map.of("a.jpg", TestImages.jpeg(10, 10)));
        MigrationEnv.write(env.archives().resolve("Bad.zip"), "not a zip at all".getBytes());
        env.metadata("Broken.json", "{\"url\": ");

        assertThat(bootstrap("--dry-run")).isEqualTo(1);
        assertThat(env.out).contains("2. extract:    WOULD FAIL - 2 archives (0 unchanged, 1 failed)")
                .contains("3. import:     WOULD FAIL").contains("Bad.zip: not a ZIP archive");

        assertThat(bootstrap()).isEqualTo(1);

        assertThat(env.out).contains("2. extract:    FAILED").contains("Broken.json: malformed JSON")
                .contains("Bad: empty folder, no photoset made")
                .contains("5. verify:     done - the database and the disk agree");
        assertThat(env.count("photosets")).isEqualTo(1);
        assertThat(env.context().getBean(PhotosetService.class).findByName("Good").orElseThrow().imageCount()).isEqualTo(1);
    }

    @Test
    void skipsExtractionAndThumbnailsWhenAsked() {
        env.image("Ready", "a.jpg", TestImages.jpeg(10, 10));
        env.zip("Later.zip", Map.of("x.jpg", TestImages.jpeg(10, 10)));

        assertThat(bootstrap("--skip-extraction", "--skip-thumbnails")).as(env.out).isZero();

        assertThat(env.out).contains("2. extract:    skipped - --skip-extraction")
                .contains("4. thumbnails: skipped - --skip-thumbnails");
        assertThat(env.images().resolve("Later")).doesNotExist();
        assertThat(env.count("images")).isEqualTo(1);
    }

    @Test
    void bootstrapMakesTheThumbnailsOfEveryImportedImage() throws Exception {
        env.image("Ready", "a.jpg", TestImages.jpeg(10, 10));
        assertThat(bootstrap("--skip-extraction")).as(env.out).isZero();
        assertThat(env.out).contains("4. thumbnails: done - 1 made");
        try (var dirs = java.nio.file.Files.list(env.settings.storage().thumbnails())) {
            var made = dirs.toList();
            assertThat(made).hasSize(1);
            assertThat(made.getFirst().resolve("small.jpg")).exists();
            assertThat(made.getFirst().resolve("large.jpg")).exists();
        }
        assertThat(bootstrap("--skip-extraction")).as(env.out).isZero();
        assertThat(env.out).contains("4. thumbnails: done - 0 made, 1 already there");
    }

    private long publicTables() throws Exception {
        DatabaseUrl url = env.settings.database();
        try (var c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             var rs = c.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where table_schema = 'public'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void embeddingsFollowTheThumbnailsWhenAskedFor() throws Exception {
        assertThat(bootstrap("--embeddings")).isEqualTo(1);
        assertThat(env.out).contains("embeddings: FAILED - EMBEDDINGS is off");
        env.close();
        env = MigrationEnv.create(db, Map.of("EMBEDDINGS", "onnx", "EMBEDDING_MODEL_DIR",
                org.gallery.search.embedding.OnnxEmbeddingModelTest.tinyClip().toString()));
        oldCollection();

        assertThat(bootstrap("--embeddings")).as(env.out + env.err).isZero();
        assertThat(env.out).contains("embeddings: done - 6 embedded with onnx:tiny-clip, 0 failed");
        assertThat(env.count("embeddings")).isEqualTo(6);
        assertThat(bootstrap("--embeddings")).as(env.out + env.err).isZero();
        assertThat(env.out).contains("embeddings: done - 0 embedded");
    }
}
