package org.gallery.migration.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gallery.migration.BucketView;
import org.gallery.migration.MigrationEnv;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.verify.VerifyCommand;
import org.gallery.photoset.PhotosetService;
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
 * {@code migrate bootstrap} with STORAGE_BACKEND=s3, end to end: the archives are extracted into the bucket (staged
 * locally on the way), imported from it, their thumbnails made in it, and verify checks it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class BootstrapOnS3Test {

    @Parameter
    Db db;

    MigrationEnv env;
    BucketView bucket;

    @BeforeEach
    void setUp() {
        env = MigrationEnv.create(db, TestS3.environment());
        bucket = new BucketView(env.settings);
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    int bootstrap(MigrationServices.Opener opener, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bootstrap";
        System.arraycopy(args, 0, all, 1, args.length);
        return env.runMigrate(Map.of(BootstrapCommand.class, new BootstrapCommand(() -> env.settings, opener, false)), all);
    }

    void oldCollection() {
        env.zip("Summer 2024.zip", Map.of(
                "Summer 2024/IMG_0001.jpg", TestImages.jpegWithExif(40, 30, 1, "2024:07:14 12:00:00", "Nikon", "D750"),
                "Summer 2024/IMG_0002.jpg", TestImages.jpeg(30, 40),
                "Summer 2024/sub/IMG_0001.jpg", TestImages.jpeg(31, 40),
                "__MACOSX/Summer 2024/._IMG_0001.jpg", "fork".getBytes(),
                "Summer 2024/readme.txt", "hello".getBytes()));
        env.zip("Winter.zip", Map.of("a.png", TestImages.png(20, 20), "b.png", TestImages.png(21, 20), "../evil.png", TestImages.png(5, 5)));
        env.metadata("Summer 2024.json", "{\"url\": \"https://old.example/summer\", \"date\": \"July 14, 2024\","
                + " \"tags\": [\"Beach\", \"Sun\"], \"actors\": [\"Ann\"]}");
        env.metadata("Gone.json", "{\"year\": \"2001\"}");
    }

    @Test
    void migratesIntoTheBucketEndToEndAndASecondRunAddsNothing() {
        oldCollection();

        int exit = bootstrap(env.opener());

        assertThat(exit).as(env.out + env.err).isZero();
        var photosets = env.context().getBean(PhotosetService.class);
        var summer = photosets.findByName("Summer 2024").orElseThrow();
        assertThat(summer.imageCount()).isEqualTo(3);
        assertThat(summer.tags()).containsExactly("Beach", "Sun");
        assertThat(photosets.findByName("Winter").orElseThrow().imageCount()).isEqualTo(2);
        assertThat(photosets.findByName("Gone").orElseThrow().imageCount()).isZero();
        assertThat(env.count("images")).isEqualTo(5);
        assertThat(env.count("migration_archives")).isEqualTo(2);
        assertThat(bucket.images()).containsExactly(
                "Summer 2024/.gallery-extract.json", "Summer 2024/IMG_0001.jpg", "Summer 2024/IMG_0001_2.jpg",
                "Summer 2024/IMG_0002.jpg", "Winter/.gallery-extract.json", "Winter/a.png", "Winter/b.png");
        assertThat(env.out)
                .contains("2. extract:    done - 2 archives (0 unchanged, 0 failed), 5 images written")
                .contains("4. thumbnails: done - 5 made, 0 already there, 0 failed")
                .contains("5. verify:     done - the database and the disk agree")
                .contains("Bootstrap finished.");
        assertThat(env.images()).as("no local images folder").doesNotExist();
        assertThat(env.thumbnails()).as("no local thumbnails folder").doesNotExist();
        assertThat(BucketView.workFiles(env.settings)).as("the staging is gone").isEmpty();
        List<String> state = env.dump();
        List<String> stored = bucket.images();

        assertThat(bootstrap(env.opener())).as(env.out + env.err).isZero();

        assertThat(env.dump()).isEqualTo(state);
        assertThat(bucket.images()).isEqualTo(stored);
        assertThat(env.out)
                .contains("2 archives (2 unchanged, 0 failed), 0 images written")
                .contains("photosets:  0 created, 0 updated, 3 unchanged, 0 failed")
                .contains("4. thumbnails: done - 0 made, 5 already there");
        assertThat(env.run(new VerifyCommand(() -> env.settings, env.opener(), false), "--deep")).as(env.out).isZero();
    }

    @Test
    void dryRunReadsTheBucketAndChangesNothing() {
        oldCollection();
        List<String> before = env.tree();

        int exit = bootstrap(MigrationServices.Opener.DEFAULT, "--dry-run");

        assertThat(exit).as(env.out + env.err).isZero();
        assertThat(bucket.images()).isEmpty();
        assertThat(env.tree()).isEqualTo(before);
        assertThat(env.out)
                .contains("2. extract:    would run - 2 archives (0 unchanged, 0 failed), 5 images to write")
                .contains("images:     5 to register, 0 already registered");
        assertThat(BucketView.workFiles(env.settings)).isEmpty();
    }
}
