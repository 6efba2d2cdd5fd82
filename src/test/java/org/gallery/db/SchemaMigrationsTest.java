package org.gallery.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.gallery.config.DatabaseUrl;
import org.gallery.testing.Db;
import org.gallery.testing.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The database verbs on a fresh database of each kind: upgrades and real rollbacks. */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class SchemaMigrationsTest {

    @Parameter
    Db db;

    DatabaseUrl url;
    SchemaMigrations migrations;

    @BeforeEach
    void freshDatabase() throws Exception {
        url = db == Db.SQLITE
                ? DatabaseUrl.sqliteFile(Files.createTempDirectory("gallery-migrations").resolve("sub/gallery.db"))
                : DatabaseUrl.parse(TestServices.newPostgresDatabase());
        migrations = new SchemaMigrations(url);
    }

    @Test
    void upgradesToHeadAndReportsIt() throws Exception {
        assertThat(migrations.current()).isNull();
        migrations.upgrade(null);
        List<String> all = migrations.history().stream().map(SchemaMigrations.Revision::name).toList();
        assertThat(all).startsWith("001_core", "002_captions_crops", "003_migration", "004_jobs", "005_accounts",
                "006_search", "007_embeddings", "008_vector_index");
        assertThat(migrations.current()).isEqualTo(all.getLast());
        assertThat(migrations.history()).allMatch(SchemaMigrations.Revision::applied);
        assertThat(tables()).contains("photosets", "images", "tags", "image_tags", "captions", "crops",
                "migration_folders", "migration_metadata", "migration_archives", "migration_rejected_files", "jobs",
                "job_items", "users", "sessions", "api_tokens", "audit_log", "image_hashes", "search_documents", "embeddings");
    }

    @Test
    void downgradeReallyRollsBackAndUpgradeComesBack() throws Exception {
        migrations.upgrade(null);
        if (db == Db.POSTGRES) {
            assertThat(tables()).contains("vector_items", "vector_models");
        }
        migrations.downgrade("1");
        assertThat(migrations.current()).isEqualTo("007_embeddings");
        assertThat(tables()).contains("embeddings").doesNotContain("vector_items", "vector_models");

        migrations.downgrade("1");
        assertThat(migrations.current()).isEqualTo("006_search");
        assertThat(tables()).contains("image_hashes", "search_documents").doesNotContain("embeddings");

        migrations.downgrade("1");
        assertThat(migrations.current()).isEqualTo("005_accounts");
        assertThat(tables()).contains("users").doesNotContain("image_hashes", "search_documents");

        migrations.downgrade("1");
        assertThat(migrations.current()).isEqualTo("004_jobs");
        assertThat(tables()).contains("jobs").doesNotContain("users", "sessions", "api_tokens", "audit_log");

        migrations.downgrade("1");
        assertThat(migrations.current()).isEqualTo("003_migration");
        assertThat(tables()).contains("captions", "migration_folders").doesNotContain("jobs", "job_items");

        migrations.downgrade("1");
        assertThat(migrations.current()).isEqualTo("002_captions_crops");
        assertThat(tables()).contains("photosets", "captions").doesNotContain("migration_folders", "migration_metadata",
                "migration_archives", "migration_rejected_files");

        migrations.downgrade("1");
        assertThat(migrations.current()).isEqualTo("001_core");
        assertThat(tables()).contains("photosets", "images").doesNotContain("captions", "crops");

        migrations.downgrade("base");
        assertThat(migrations.current()).isNull();
        assertThat(tables()).doesNotContain("photosets", "images", "tags");

        migrations.upgrade("001_core");
        assertThat(migrations.current()).isEqualTo("001_core");
        assertThat(tables()).contains("images").doesNotContain("crops");
        migrations.upgrade("head");
        assertThat(tables()).contains("crops");
    }

    @Test
    void downgradeToANamedRevision() throws Exception {
        migrations.upgrade(null);
        migrations.downgrade("001_core");
        assertThat(migrations.current()).isEqualTo("001_core");
        assertThat(tables()).doesNotContain("captions");
    }

    @Test
    void stampMarksWithoutRunning() throws Exception {
        migrations.stamp("001_core");
        assertThat(migrations.current()).isEqualTo("001_core");
        assertThat(tables()).doesNotContain("photosets");
    }

    @Test
    void unlockFreesTheLockAKilledUpgradeLeftBehind() throws Exception {
        migrations.upgrade("001_core");
        assertThat(migrations.unlock()).isNull();
        try (var c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
                var st = c.prepareStatement("UPDATE databasechangeloglock SET locked = ?, lockgranted = ?, "
                        + "lockedby = 'killed-host (10.0.0.9)' WHERE id = 1")) {
            st.setBoolean(1, true);
            st.setTimestamp(2, new java.sql.Timestamp(System.currentTimeMillis()));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }

        assertThat(migrations.unlock()).startsWith("killed-host (10.0.0.9) since ");
        migrations.upgrade("head");
        assertThat(tables()).contains("crops", "jobs");
        assertThat(migrations.unlock()).isNull();
    }

    @Test
    void searchDocumentsAreFilledForImagesStoredBeforeSearchExisted() throws Exception {
        migrations.upgrade("005_accounts");
        String set = "01a00000-0000-7000-8000-000000000001";
        String image = "01a00000-0000-7000-8000-000000000002";
        String tag = "01a00000-0000-7000-8000-000000000003";
        String caption = "01a00000-0000-7000-8000-000000000004";
        String cast = db == Db.POSTGRES ? "::uuid" : "";
        try (var c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password()); var st = c.createStatement()) {
            st.execute("INSERT INTO photosets (id, name, name_key, folder, created_at, updated_at) VALUES ('" + set + "'"
                    + cast + ", 'Alpine Summer', 'alpine summer', 'alpine', 0, 0)");
            st.execute("INSERT INTO images (id, photoset_id, file_name, original_filename, rel_path, format, mime_type, "
                    + "bytes, sha256, width, height, sort_taken, created_at, updated_at) VALUES ('" + image + "'" + cast
                    + ", '" + set + "'" + cast + ", 'lake.jpg', 'IMG_1.jpg', 'alpine/lake.jpg', 'jpeg', 'image/jpeg', "
                    + "1, 'x', 10, 10, 0, 0, 0)");
            st.execute("INSERT INTO tags (id, name, name_key, created_at) VALUES ('" + tag + "'" + cast
                    + ", 'glacier', 'glacier', 0)");
            st.execute("INSERT INTO image_tags (image_id, tag_id) VALUES ('" + image + "'" + cast + ", '" + tag + "'"
                    + cast + ")");
            st.execute("INSERT INTO captions (id, image_id, text, source, created_at) VALUES ('" + caption + "'" + cast
                    + ", '" + image + "'" + cast + ", 'a boat on a still lake', 'manual', 0)");
        }
        migrations.upgrade("head");
        try (var c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password()); var st = c.createStatement();
                var rs = st.executeQuery("SELECT caption, file_name, photoset, tags FROM search_documents")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .containsExactly("a boat on a still lake", "lake.jpg IMG_1.jpg", "Alpine Summer", "glacier");
            assertThat(rs.next()).isFalse();
        }
        migrations.downgrade("005_accounts");
        assertThat(tables()).doesNotContain("search_documents");
    }

    @Test
    void unknownRevisionIsRefused() {
        assertThatThrownBy(() -> migrations.upgrade("999_nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown revision");
    }

    /** What lets the service start without Liquibase when nothing is pending, and with it when something is. */
    @Test
    void pendingChangeSetsAreSeenWithoutLiquibase() throws Exception {
        assertThat(PendingMigrations.noneFor(url)).as("fresh database").isFalse();
        migrations.upgrade(null);
        assertThat(PendingMigrations.noneFor(url)).as("at head").isTrue();
        assertThat(PendingMigrations.changeSets(url.kind())).as("every change set the changelog holds for this database, read without Liquibase")
                .hasSize(appliedChangeSets()).contains("gallery:001-photosets", "gallery:tag-004_jobs");
        migrations.downgrade("1");
        assertThat(PendingMigrations.noneFor(url)).as("one revision back").isFalse();
    }

    private int appliedChangeSets() throws Exception {
        try (var c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM databasechangelog")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private List<String> tables() throws Exception {
        List<String> names = new ArrayList<>();
        try (var c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
                var rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        return names;
    }
}
