package org.gallery.migration.bootstrap;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.gallery.config.DatabaseUrl;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.db.SchemaMigrations;
import org.gallery.migration.MigrationCommand;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.StepProgress;
import org.gallery.migration.SummaryJson;
import org.gallery.migration.extract.ArchiveExtractor;
import org.gallery.migration.extract.ArchiveResult;
import org.gallery.migration.extract.ExtractionPlanner;
import org.gallery.migration.extract.ExtractionSummary;
import org.gallery.migration.importer.ImportSummary;
import org.gallery.migration.importer.PhotosetImporter;
import org.gallery.migration.verify.Verifier;
import org.gallery.migration.verify.VerifyReport;
import org.gallery.storage.FileStore;
import org.gallery.storage.FileStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gallery migrate bootstrap}: the whole migration in order — database upgrade, extract, import, thumbnails,
 * verify. With {@code --dry-run} everything is read and what would happen is printed, and nothing at all changes
 * under STORAGE_ROOT: no file, no folder, no database row, not even a new SQLite file.
 */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {
            "Run the whole migration in order: database upgrade, extract, import, thumbnails, verify.",
            "Safe to interrupt and to run again. --dry-run reads everything, prints what would be done and changes nothing.",
            "Exit code 0 when every step succeeded (in a dry run: when nothing would fail), 1 otherwise."})
public class BootstrapCommand extends MigrationCommand {

    @Option(names = "--dry-run", description = "Read everything and print what would be done; change nothing.")
    boolean dryRun;

    @Option(names = "--skip-extraction", description = "Do not extract archives; import the photoset folders already there.")
    boolean skipExtraction;

    @Option(names = "--skip-thumbnails", description = "Do not make thumbnails.")
    boolean skipThumbnails;

    @Option(names = "--embeddings", description = "After the thumbnails, embed every image without an embedding (EMBEDDINGS).")
    boolean embeddings;

    @Option(names = "--archives", paramLabel = "DIR", description = "Folder holding the archives (default: ARCHIVES_DIR).")
    Path archives;

    @Option(names = "--metadata", paramLabel = "DIR",
            description = "Folder holding the metadata files (default: the archives folder).")
    Path metadata;

    @Option(names = "--workers", paramLabel = "N", description = "Threads reading and probing files during the import (default: the number of cores).")
    Integer workers;

    private final MigrationServices.Opener opener;

    /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    public BootstrapCommand() {
        this(SettingsLoader::fromEnvironment, MigrationServices.Opener.DEFAULT, isTerminal());
    }

    public BootstrapCommand(Supplier<Settings> settings, MigrationServices.Opener opener, boolean interactive) {
        super(settings, interactive);
        this.opener = opener;
    }

    @Override
    protected int run(Settings s, PrintWriter out, PrintWriter err) {
        Path archivesFolder = archives != null ? archives.toAbsolutePath().normalize() : s.storage().archives();
        Path metadataFolder = metadata != null ? metadata.toAbsolutePath().normalize() : archivesFolder;
        for (var given : new Path[] {archives, metadata}) {
            if (given != null && !Files.isDirectory(given)) {
                err.println("gallery migrate bootstrap: folder " + given.toAbsolutePath().normalize() + " does not exist");
                err.flush();
                return 1;
            }
        }
        PrintWriter progressOut = json ? err : out;
        BootstrapReport report;
        // checked first: a bucket that cannot be reached stops the run before anything is done
        FileStore files = FileStores.open(s.storage(), s.storage().backend());
        try (StepProgress progress = StepProgress.to(progressOut, interactive)) {
            report = dryRun ? planAll(s, files, archivesFolder, metadataFolder, progress, progressOut)
                    : runAll(s, files, archivesFolder, metadataFolder, progress, progressOut, out, err);
        } finally {
            FileStores.close(files);
        }
        if (json) {
            out.println(SummaryJson.write(report));
        } else {
            BootstrapText.print(report, out);
        }
        out.flush();
        return report.ok() ? 0 : 1;
    }

    private BootstrapReport runAll(Settings s, FileStore files, Path archivesFolder, Path metadataFolder, StepProgress progress,
            PrintWriter log, PrintWriter out, PrintWriter err) {
        // 1. database
        BootstrapReport.DatabaseStep database = upgrade(s.database());
        log.println("database: " + BootstrapText.line(database));
        log.flush();
        if ("failed".equals(database.status())) {
            var skipped = note("skipped", "the database could not be upgraded");
            return new BootstrapReport(false, database, null, null, skipped, null, skipped, null, skipped, null, false);
        }
        // 2. extract
        ExtractionSummary extracted = null;
        BootstrapReport.Note extractNote;
        if (skipExtraction) {
            extractNote = note("skipped", "--skip-extraction");
        } else if (!Files.isDirectory(archivesFolder)) {
            extractNote = note("skipped", "no archives folder " + archivesFolder);
        } else {
            try {
                var bridge = new ExtractionProgressBridge(progress, "extract");
                extracted = new ArchiveExtractor(s.archiveLimits()).extractAll(archivesFolder, files, s.storage().temp(), bridge);
                if (bridge.started()) {
                    progress.finish(BootstrapText.extractLine(extracted, false));
                }
                extractNote = note(extracted.allHandled() ? "done" : "failed", BootstrapText.extractLine(extracted, false));
            } catch (IOException | RuntimeException e) {
                extractNote = note("failed", describe(e));
            }
        }
        if (extracted == null) {
            log.println("extract: " + extractNote.status() + " (" + extractNote.detail() + ")");
            log.flush();
        }
        // 3. import, 4. thumbnails, 5. verify
        ImportSummary imported = null;
        BootstrapReport.Note importNote;
        BootstrapReport.Note thumbnails;
        BootstrapReport.Note verifyNote;
        BootstrapReport.Note embedded = null;
        VerifyReport verified = null;
        try (MigrationServices services = opener.open(s, false)) {
            try {
                imported = new PhotosetImporter(services, s).run(new PhotosetImporter.Options(metadataFolder,
                        archivesFolder, false, threads(), Map.of()), progress);
                importNote = note(imported.allHandled() ? "done" : "failed", BootstrapText.importLine(imported));
            } catch (IOException | RuntimeException e) {
                importNote = note("failed", describe(e));
            }
            thumbnails = skipThumbnails ? note("skipped", "--skip-thumbnails")
                    : ThumbnailsStep.run(services, threads(), progress);
            log.println("thumbnails: " + thumbnails.status() + " (" + thumbnails.detail() + ")");
            embedded = embeddings ? EmbeddingsStep.run(services, progress) : null;
            log.flush();
            try {
                verified = new Verifier(services).verify(false, progress);
                verifyNote = note(verified.ok() ? "done" : "failed", verified.ok() ? "the database and the disk agree"
                        : verified.problemCount() + " problems");
            } catch (IOException | RuntimeException e) {
                verifyNote = note("failed", describe(e));
            }
        } catch (RuntimeException e) {
            importNote = note("failed", "cannot open the database and the file store: " + describe(e));
            thumbnails = note("skipped", "the database or the file store could not be opened");
            verifyNote = note("skipped", "the database or the file store could not be opened");
        }
        boolean ok = !"failed".equals(extractNote.status()) && !"failed".equals(importNote.status())
                && !"failed".equals(thumbnails.status()) && !"failed".equals(verifyNote.status())
                && (embedded == null || !"failed".equals(embedded.status()));
        return new BootstrapReport(false, database, extractNote, extracted, importNote, imported, thumbnails, embedded,
                verifyNote, verified, ok);
    }

    private BootstrapReport planAll(Settings s, FileStore files, Path archivesFolder, Path metadataFolder, StepProgress progress,
            PrintWriter log) {
        // 1. database: looked at read-only, and only if it exists
        BootstrapReport.DatabaseStep database = planUpgrade(s.database());
        log.println("database: " + BootstrapText.line(database));
        log.flush();
        // 2. extract: every archive read, nothing written
        ExtractionSummary planned = null;
        BootstrapReport.Note extractNote;
        Map<String, Integer> plannedFolders = new TreeMap<>();
        if (skipExtraction) {
            extractNote = note("skipped", "--skip-extraction");
        } else if (!Files.isDirectory(archivesFolder)) {
            extractNote = note("skipped", "no archives folder " + archivesFolder);
        } else {
            try {
                var bridge = new ExtractionProgressBridge(progress, "extract (dry run)");
                planned = new ExtractionPlanner(s.archiveLimits()).plan(archivesFolder, files, s.storage().temp(), bridge);
                if (bridge.started()) {
                    progress.finish(BootstrapText.extractLine(planned, true));
                }
                for (ArchiveResult a : planned.archives()) {
                    if (a.imagesWritten() > 0) {
                        plannedFolders.merge(a.photoset(), a.imagesWritten(), Integer::sum);
                    }
                }
                extractNote = note(planned.allHandled() ? "would_run" : "would_fail", BootstrapText.extractLine(planned, true));
            } catch (IOException | RuntimeException e) {
                extractNote = note("would_fail", describe(e));
            }
        }
        if (planned == null) {
            log.println("extract: " + extractNote.status() + " (" + extractNote.detail() + ")");
            log.flush();
        }
        // 3. import: against the database as it is, read-only, or as an empty one when there is none yet
        ImportSummary imported = null;
        BootstrapReport.Note importNote;
        boolean databaseReadable = !database.status().equals("would_create") && !database.status().equals("failed")
                && database.from() != null;
        try (MigrationServices services = databaseReadable ? opener.open(s, true) : null) {
            imported = new PhotosetImporter(services, s, files).run(new PhotosetImporter.Options(metadataFolder,
                    archivesFolder, true, threads(), plannedFolders), progress);
            importNote = note(imported.allHandled() ? "would_run" : "would_fail", BootstrapText.importLine(imported));
        } catch (IOException | RuntimeException e) {
            importNote = note("would_fail", describe(e));
        }
        BootstrapReport.Note thumbnails = skipThumbnails ? note("skipped", "--skip-thumbnails")
                : ThumbnailsStep.plan();
        log.println("thumbnails: " + thumbnails.status() + " (" + thumbnails.detail() + ")");
        BootstrapReport.Note verifyNote = note("would_run", "verify would check the database against the disk after the import");
        log.println("verify: " + verifyNote.detail());
        log.flush();
        boolean ok = !"failed".equals(database.status()) && !"would_fail".equals(extractNote.status())
                && !"would_fail".equals(importNote.status());
        return new BootstrapReport(true, database, extractNote, planned, importNote, imported, thumbnails,
                embeddings ? EmbeddingsStep.plan() : null, verifyNote, null, ok);
    }

    private static BootstrapReport.DatabaseStep upgrade(DatabaseUrl url) {
        // the step prints its own one-line result; Liquibase's progress is noise on a terminal
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        try {
            var migrations = new SchemaMigrations(url);
            String before = migrations.current();
            List<String> pending = migrations.history().stream().filter(r -> !r.applied()).map(SchemaMigrations.Revision::name).toList();
            migrations.upgrade(null);
            String after = migrations.current();
            return new BootstrapReport.DatabaseStep(pending.isEmpty() ? "current" : "upgraded", url.display(), before,
                    after, pending, null);
        } catch (RuntimeException e) {
            return new BootstrapReport.DatabaseStep("failed", url.display(), null, null, List.of(), describe(e));
        }
    }

    private static BootstrapReport.DatabaseStep planUpgrade(DatabaseUrl url) {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        Path file = url.sqliteFile();
        if (url.kind() == DatabaseUrl.Kind.SQLITE && (file == null || !Files.exists(file))) {
            List<String> all = allRevisions();
            return new BootstrapReport.DatabaseStep("would_create", url.display(), null,
                    all.isEmpty() ? null : all.getLast(), all, "no database file yet; it would be created");
        }
        try {
            var migrations = new SchemaMigrations(url.readOnly());
            String current = migrations.current();
            List<String> pending = migrations.history().stream().filter(r -> !r.applied()).map(SchemaMigrations.Revision::name).toList();
            String head = pending.isEmpty() ? current : pending.getLast();
            return new BootstrapReport.DatabaseStep(pending.isEmpty() ? "current" : "would_upgrade", url.display(),
                    current, head, pending, null);
        } catch (RuntimeException e) {
            return new BootstrapReport.DatabaseStep("failed", url.display(), null, null, List.of(), describe(e));
        }
    }

    /** Every revision of the changelog, read without a database (an in-memory SQLite one). */
    private static List<String> allRevisions() {
        try {
            return new SchemaMigrations(DatabaseUrl.parse("jdbc:sqlite::memory:")).history().stream()
                    .map(SchemaMigrations.Revision::name).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private int threads() {
        return workers != null && workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    private static BootstrapReport.Note note(String status, String detail) {
        return new BootstrapReport.Note(status, detail);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
