package org.gallery.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gallery.GalleryApplication;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.storage.FileStore;
import org.gallery.testing.CommandRun;
import org.gallery.testing.Db;
import org.gallery.testing.TestServices;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * A storage root and a database of its own for one migration test: the folders the toolkit reads and writes, the
 * commands run in-process against them, and a look at the database afterwards. Command runs share one application
 * context (started on first use), as one long-lived process would.
 */
public final class MigrationEnv implements AutoCloseable {

    public final Db db;
    public final Path base;
    public final Path root;
    public final Map<String, String> env = new HashMap<>();
    public final Settings settings;
    private ConfigurableApplicationContext context;
    public String out = "";
    public String err = "";

    private MigrationEnv(Db db, Map<String, String> extra) {
        this.db = db;
        try {
            base = Files.createTempDirectory("gallery-migration-" + db.name().toLowerCase());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        root = base.resolve("storage");
        env.put("STORAGE_ROOT", root.toString());
        if (db == Db.POSTGRES) {
            env.put("DATABASE_URL", TestServices.newPostgresDatabase());
        }
        env.putAll(extra);
        settings = SettingsLoader.load(env, base);
    }

    public static MigrationEnv create(Db db) {
        return new MigrationEnv(db, Map.of());
    }

    /** With extra settings, e.g. an embedding model. */
    public static MigrationEnv create(Db db, Map<String, String> extra) {
        return new MigrationEnv(db, extra);
    }

    public Path images() {
        return settings.storage().images();
    }

    public Path archives() {
        return settings.storage().archives();
    }

    public Path thumbnails() {
        return settings.storage().thumbnails();
    }

    /** Writes an image file into a photoset folder under IMAGES_DIR. */
    public Path image(String folder, String name, byte[] bytes) {
        return write(images().resolve(folder).resolve(name), bytes);
    }

    /** Puts an original into a photoset folder of the file store the settings name (the folders or a bucket). */
    public void storedImage(String folder, String name, byte[] bytes) {
        try {
            files().put(FileStore.Area.IMAGES.key(folder + "/" + name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file store of this test's context. */
    public FileStore files() {
        return context().getBean(FileStore.class);
    }

    /** Writes a metadata file into the archives folder. */
    /** An old-system archive in the archives folder, its entries in name order. */
    public Path zip(String name, Map<String, byte[]> entries) {
        Path file = archives().resolve(name);
        try {
            Files.createDirectories(file.getParent());
            try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
                for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                    out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                    out.write(e.getValue());
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code gallery migrate import} with these arguments, against this gallery; its exit code. */
    public int runImport(String... args) {
        return run(new org.gallery.migration.importer.ImportCommand(() -> settings, opener(), false), args);
    }

    /** The photoset of this name, or a failure that shows what the commands printed. */
    public org.gallery.photoset.Photoset photoset(String name) {
        return context().getBean(org.gallery.photoset.PhotosetService.class).findByName(name)
                .orElseThrow(() -> new AssertionError("no photoset " + name + "; output:\n" + out + err));
    }

    /**
     * The rows of a table read over a connection of its own, while another process (a migration step being killed)
     * writes them: 0 until that process has made the database and its schema.
     */
    public long rowsSoFar(String table) {
        org.gallery.config.DatabaseUrl url = settings.database();
        if (url.kind() == org.gallery.config.DatabaseUrl.Kind.SQLITE && !Files.exists(url.sqliteFile())) {
            return 0;
        }
        try (var c = java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             var rs = c.createStatement().executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException notYet) {
            return 0;
        }
    }

    public Path metadata(String name, String json) {
        return write(archives().resolve(name), json.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens services over this test's one context; read-only openings get a context of their own, as in real runs. */
    public MigrationServices.Opener opener() {
        return (s, readOnly) -> readOnly ? MigrationServices.Opener.DEFAULT.open(s, true)
                : MigrationServices.lent(s, context(), false);
    }

    public synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            context = GalleryApplication.startWithoutWeb(settings);
        }
        return context;
    }

    /** Closes the shared context; the next use starts a new one on the same storage root and database. */
    public synchronized void closeContext() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public DSLContext sql() {
        return context().getBean(DSLContext.class);
    }

    /** Runs a command with captured output; returns its exit code. */
    public int run(Callable<Integer> command, String... args) {
        CommandRun run = CommandRun.of(new CommandLine(command), args);
        out = run.out();
        err = run.err();
        return run.exit();
    }

    /** Runs {@code gallery migrate <args>} the way the launcher does, through the real command tree. */
    public int runMigrate(Map<Class<?>, Object> commands, String... args) {
        var line = new CommandLine(new MigrateCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                Object made = commands.get(cls);
                return made != null ? cls.cast(made) : CommandLine.defaultFactory().create(cls);
            }
        });
        CommandRun run = CommandRun.of(line, args);
        out = run.out();
        err = run.err();
        return run.exit();
    }

    /**
     * Everything the database holds about photosets, images, tags, actors and the import journal, as sorted text
     * without ids and times: two runs that did the same work give the same dump.
     */
    public List<String> dump() {
        DSLContext q = sql();
        List<String> lines = new ArrayList<>();
        for (Record r : q.fetch("select p.name, p.folder, p.year, p.date, p.source_url, p.original_filename, p.extra,"
                + " p.image_count, c.rel_path from photosets p left join images c on c.id = p.cover_image_id order by p.folder")) {
            lines.add("photoset " + join(r));
        }
        for (Record r : q.fetch("select i.rel_path, p.folder, i.file_name, i.original_filename, i.format, i.mime_type,"
                + " cast(i.bytes as varchar(30)), i.sha256, i.width, i.height, i.orientation, cast(i.taken_at as varchar(30)),"
                + " i.camera from images i"
                + " left join photosets p on p.id = i.photoset_id order by i.rel_path")) {
            lines.add("image " + join(r));
        }
        for (Record r : q.fetch("select p.folder, t.name from photoset_tags pt join photosets p on p.id = pt.photoset_id"
                + " join tags t on t.id = pt.tag_id order by p.folder, t.name_key")) {
            lines.add("photoset-tag " + join(r));
        }
        for (Record r : q.fetch("select p.folder, a.name from photoset_actors pa join photosets p on p.id = pa.photoset_id"
                + " join actors a on a.id = pa.actor_id order by p.folder, a.name_key")) {
            lines.add("actor " + join(r));
        }
        for (Record r : q.fetch("select name from tags order by name_key")) {
            lines.add("tag " + join(r));
        }
        for (Record r : q.fetch("select count(*) from image_tags")) {
            lines.add("image-tags " + join(r));
        }
        for (Record r : q.fetch("select f.folder, p.name, f.metadata_file, f.metadata_sha256, f.images, f.status"
                + " from migration_folders f left join photosets p on p.id = f.photoset_id order by f.folder")) {
            lines.add("journal-folder " + join(r));
        }
        for (Record r : q.fetch("select file_name, sha256, folder, status from migration_metadata order by file_name")) {
            lines.add("journal-metadata " + join(r));
        }
        for (Record r : q.fetch("select rel_path, reason from migration_rejected_files order by rel_path")) {
            lines.add("journal-rejected " + join(r));
        }
        for (Record r : q.fetch("select sha256, file_name, folder, status from migration_archives order by sha256")) {
            lines.add("journal-archive " + join(r));
        }
        return lines;
    }

    public long count(String table) {
        return sql().fetchCount(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name(table)));
    }

    private static String join(Record r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
            b.append(i == 0 ? "" : " | ").append(r.get(i));
        }
        return b.toString();
    }

    /** Every path under the storage root with its size and modification time (directories too). */
    public List<String> tree() {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> {
                try {
                    return root.relativize(p) + " " + (Files.isDirectory(p) ? "dir" : Files.size(p)) + " "
                            + Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
