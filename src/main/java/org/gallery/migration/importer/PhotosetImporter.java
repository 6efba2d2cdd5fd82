package org.gallery.migration.importer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.gallery.config.Settings;
import org.gallery.imaging.ImageProbe;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.StepProgress;
import org.gallery.migration.journal.MigrationJournal;
import org.gallery.migration.journal.MigrationJournal.FolderRecord;
import org.gallery.migration.journal.MigrationJournal.MetadataRecord;
import org.gallery.storage.FileStore;
import org.gallery.web.ApiException;

/**
 * The {@code migrate import} step: every photoset folder (and every metadata file) becomes a photoset with its images,
 * tags and actors.
 *
 * <p>Each photoset is imported in one transaction, together with the journal rows that record it: a run killed at
 * any moment leaves every photoset either fully imported or not at all, and a rerun redoes only what did not commit.
 * A folder whose files and metadata are unchanged since it was imported is skipped after a directory listing.
 * Files are read and probed by worker threads a few photosets ahead of the one being written, so the database sees
 * one short transaction per photoset with its images inserted in bulk.
 */
public final class PhotosetImporter {

    /** Held while a run imports from an images folder, so two runs never race on the same folders. */
    static final String LOCK_FILE = ".gallery-import.lock";

    /** Photosets written at once on PostgreSQL, each in its own transaction; the connection pool has ten. */
    static final int MAX_WRITERS = 4;

    /**
     * @param plannedFolders folders extract would create or add to, with how many images it would write (a dry run
     *                       of bootstrap); empty otherwise
     */
    public record Options(Path metadataFolder, Path archivesFolder, boolean dryRun, int workers,
            Map<String, Integer> plannedFolders) {
    }

    private final MigrationServices services;
    private final FileStore files;
    private final Path work;
    private final ImageProbe probe;

    /** An import through the services' own file store. */
    public PhotosetImporter(MigrationServices services, Settings settings) {
        this(services, settings, services.files());
    }

    /**
     * @param services the database; null only for a dry run against a database that does not exist yet
     * @param files    where the photoset folders are (the folders or a bucket)
     */
    public PhotosetImporter(MigrationServices services, Settings settings, FileStore files) {
        this.services = services;
        this.files = files;
        this.work = settings.storage().temp();
        // the engine is loaded only if a HEIC or AVIF file comes, to read its header
        this.probe = new ImageProbe(settings.imaging().maxImagePixels(),
                new LazyEngine(settings.imaging().engine()));
    }

    public ImportSummary run(Options options, StepProgress progress) throws IOException {
        if (!options.dryRun() && (services == null || services.readOnly())) {
            throw new IllegalStateException("a real import needs a writable database");
        }
        if (!options.dryRun() && !services.journal().available()) {
            throw new IllegalStateException("the database lacks the migration tables of revision 003_migration; "
                    + "run ./gallery db upgrade first (or leave AUTO_MIGRATE on)");
        }
        long started = System.nanoTime();
        String images = files.location(FileStore.Area.IMAGES);
        if (options.dryRun()) {
            return new Run(options, images, progress, started).go();
        }
        // beside the photoset folders when they are local; in the work folder of this machine otherwise
        Path lockFolder = files.localFolder(FileStore.Area.IMAGES).orElse(work).toAbsolutePath().normalize();
        Files.createDirectories(lockFolder);
        try (FileChannel channel = FileChannel.open(lockFolder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IOException("another import is already running in " + images);
            }
            return new Run(options, images, progress, started).go();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new IOException("another import is already running in " + images, e);
        }
    }

    private final class Run {
        private final Options options;
        private final String images;
        private final StepProgress progress;
        private final long started;
        private final boolean database;
        private final MigrationJournal journal;
        private PhotosetPreparation preparation;
        private PhotosetWriter writer;
        private final List<String> warnings = new ArrayList<>();
        private final List<ImportSummary.Failure> failures = new ArrayList<>();
        private final List<ImportSummary.UnitResult> results = new ArrayList<>();
        private int imagesRegistered;

        Run(Options options, String images, StepProgress progress, long started) {
            this.options = options;
            this.images = images;
            this.progress = progress;
            this.started = started;
            this.journal = services == null ? null : services.journal();
            this.database = journal != null && (!services.readOnly() || journal.available());
        }

        ImportSummary go() throws IOException {
            Map<String, FolderRecord> journalFolders = Map.of();
            Set<String> foldersWithRejected = Set.of();
            KnownArchives knownArchives = new KnownArchives();
            if (database) {
                journalFolders = journal.folders();
                foldersWithRejected = journal.foldersWithRejected();
                journal.archives().forEach(a -> knownArchives.remember(a.fileName(), a.bytes(), a.modifiedMillis(), a.sha256()));
            }
            ImportSources.Scan scan = ImportSources.scan(options.metadataFolder(), files, options.plannedFolders().keySet());
            preparation = new PhotosetPreparation(services, files, probe, options, database, journalFolders, scan.stored(),
                    knownArchives);
            writer = new PhotosetWriter(services, options, database, foldersWithRejected, knownArchives);
            if (!scan.metadataFolderFound()) {
                warnings.add("metadata folder " + options.metadataFolder() + " not found; folders are imported with their names alone");
            }
            for (MetadataFile m : scan.malformed()) {
                failures.add(new ImportSummary.Failure(m.fileName(), m.error()));
                progress.note("FAILED: " + m.fileName() + ": " + m.error() + " (skipped)");
                if (!options.dryRun()) {
                    recordQuietly(() -> journal.saveMetadata(new MetadataRecord(m.fileName(), m.sha256(), null, null,
                            MigrationJournal.MALFORMED, m.error())));
                }
            }
            List<ImportSources.Unit> units = scan.units();
            progress.start(options.dryRun() ? "import (dry run)" : "import", units.size(), "photosets");
            int readers = Math.max(1, options.workers());
            // PostgreSQL takes photosets side by side; SQLite has one writer at a time
            int writers = !options.dryRun() && services.postgres() ? Math.min(readers, MAX_WRITERS) : 1;
            Semaphore writing = new Semaphore(writers);
            ExecutorService pool = Executors.newFixedThreadPool(readers + writers, r -> {
                Thread t = new Thread(r, "import-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                Deque<Map.Entry<ImportSources.Unit, Future<ImportSummary.UnitResult>>> ahead = new ArrayDeque<>();
                int next = 0;
                for (int done = 0; done < units.size(); done++) {
                    // a bounded window: files are read a few photosets ahead, never the whole collection at once
                    while (ahead.size() < (readers + writers) * 2 && next < units.size()) {
                        ImportSources.Unit unit = units.get(next++);
                        ahead.add(Map.entry(unit, pool.submit(() -> handle(unit, writing))));
                    }
                    var head = ahead.poll();
                    ImportSummary.UnitResult result;
                    try {
                        result = head.getValue().get();
                    } catch (ExecutionException e) {
                        result = PhotosetWriter.result(PreparedPhotoset.failed(head.getKey(), describe(e.getCause())),
                                ImportSummary.Outcome.FAILED, 0, describe(e.getCause()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    finish(result);
                    progress.step(1);
                    progress.status(imagesRegistered + (options.dryRun() ? " images to register" : " images registered"));
                }
            } finally {
                pool.shutdownNow();
            }
            return summary(scan);
        }

        /** Reads a photoset's files (in parallel with others), then writes it when a writer is free. */
        private ImportSummary.UnitResult handle(ImportSources.Unit unit, Semaphore writing) {
            PreparedPhotoset prepared;
            try {
                prepared = preparation.prepare(unit);
            } catch (IOException | RuntimeException e) {
                prepared = PreparedPhotoset.failed(unit, describe(e));
            }
            writing.acquireUninterruptibly();
            try {
                return options.dryRun() ? writer.plan(prepared) : writer.write(prepared);
            } finally {
                writing.release();
            }
        }

        private void finish(ImportSummary.UnitResult r) {
            results.add(r);
            imagesRegistered += r.imagesRegistered();
            r.warnings().forEach(w -> {
                warnings.add(w);
                progress.note("warning: " + w);
            });
            if (r.failure() != null) {
                String item = r.metadataFile() != null ? r.metadataFile() : r.folder();
                failures.add(new ImportSummary.Failure(item, r.failure()));
                progress.note("FAILED: " + item + ": " + r.failure());
            }
        }

        private ImportSummary summary(ImportSources.Scan scan) {
            double seconds = (System.nanoTime() - started) / 1e9;
            Set<String> absent = new HashSet<>();
            scan.units().stream().filter(u -> !u.folderExists()).forEach(u -> absent.add(u.folder()));
            int withoutFolder = (int) results.stream()
                    .filter(r -> r.metadataFile() != null && r.failure() == null && absent.contains(r.folder()))
                    .count();
            progress.finish(String.format("%d photosets (%d new, %d updated, %d unchanged, %d failed), %d images %s",
                    results.size() - count(ImportSummary.Outcome.SKIPPED), count(ImportSummary.Outcome.CREATED),
                    count(ImportSummary.Outcome.UPDATED), count(ImportSummary.Outcome.UNCHANGED),
                    count(ImportSummary.Outcome.FAILED), imagesRegistered,
                    options.dryRun() ? "to register" : "registered"));
            return new ImportSummary(
                    String.valueOf(options.metadataFolder()), images, options.dryRun(),
                    count(ImportSummary.Outcome.CREATED), count(ImportSummary.Outcome.UPDATED),
                    count(ImportSummary.Outcome.UNCHANGED), count(ImportSummary.Outcome.FAILED),
                    count(ImportSummary.Outcome.SKIPPED), imagesRegistered,
                    results.stream().mapToInt(ImportSummary.UnitResult::imagesAlreadyRegistered).sum(),
                    results.stream().mapToInt(ImportSummary.UnitResult::filesRejected).sum(),
                    scan.metadataFiles(), scan.malformed().size(), withoutFolder,
                    Math.round(seconds * 1000) / 1000.0, List.copyOf(warnings), List.copyOf(failures), List.copyOf(results));
        }

        private int count(ImportSummary.Outcome outcome) {
            return (int) results.stream().filter(r -> r.outcome() == outcome).count();
        }
    }

    static void recordQuietly(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException ignored) {
            // the journal note of a failure is a courtesy; the failure itself is reported either way
        }
    }

    static String describe(Throwable e) {
        if (e instanceof ApiException api) {
            return api.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
