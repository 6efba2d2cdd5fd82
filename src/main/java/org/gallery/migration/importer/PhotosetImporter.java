package org.gallery.migration.importer;

import org.gallery.shared.Sha256;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.gallery.config.Settings;
import org.gallery.image.ImageRegistry;
import org.gallery.imaging.ImageProbe;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.StepProgress;
import org.gallery.migration.extract.ExtractedArchives;
import org.gallery.migration.journal.MigrationJournal;
import org.gallery.migration.journal.MigrationJournal.ArchiveRecord;
import org.gallery.migration.journal.MigrationJournal.FolderRecord;
import org.gallery.migration.journal.MigrationJournal.MetadataRecord;
import org.gallery.photoset.Photoset;
import org.gallery.photoset.PhotosetFolder;
import org.gallery.photoset.PhotosetRequest;
import org.gallery.shared.Names;
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

    /** A file read and probed, ready to register; {@code file} is null in a dry run. */
    private record Inspected(String relPath, String sha256, ImageRegistry.InspectedFile file) {
    }

    /** An archive behind a folder, hashed. */
    private record ArchiveFacts(String sha256, String fileName, long bytes, long modified, boolean complete) {
    }

    /** What the workers found out about one photoset before it is written. */
    private record Prepared(ImportSources.Unit unit, FolderListing listing, FolderRecord journal, boolean unchanged, boolean empty,
            int alreadyRegistered, List<Inspected> inspected, Map<String, String> rejected, List<ArchiveFacts> archives,
            int plannedImages, List<String> warnings, String failure) {
    }

    private final class Run {
        private final Options options;
        private final String images;
        private final StepProgress progress;
        private final long started;
        private final boolean database;
        private final MigrationJournal journal;
        private Map<String, FolderRecord> journalFolders = Map.of();
        private Set<String> foldersWithRejected = Set.of();
        private Set<String> storedFolders = Set.of();
        private final Map<String, String> archiveShas = new HashMap<>();
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
            if (database) {
                journalFolders = journal.folders();
                foldersWithRejected = journal.foldersWithRejected();
                journal.archives().forEach(a -> archiveShas.put(archiveKey(a.fileName(), a.bytes(), a.modifiedMillis()), a.sha256()));
            }
            ImportSources.Scan scan = ImportSources.scan(options.metadataFolder(), files, options.plannedFolders().keySet());
            storedFolders = scan.stored();
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
                        result = result(failed(head.getKey(), describe(e.getCause())), ImportSummary.Outcome.FAILED, 0,
                                describe(e.getCause()));
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
            Prepared prepared;
            try {
                prepared = prepare(unit);
            } catch (IOException | RuntimeException e) {
                prepared = failed(unit, describe(e));
            }
            writing.acquireUninterruptibly();
            try {
                return options.dryRun() ? plan(prepared) : write(prepared);
            } finally {
                writing.release();
            }
        }

        private Prepared prepare(ImportSources.Unit unit) throws IOException {
            List<String> unitWarnings = new ArrayList<>();
            if (unit.metadata() != null) {
                unit.metadata().warnings().forEach(w -> unitWarnings.add(unit.metadata().fileName() + ": " + w));
            }
            if (unit.note() != null) {
                unitWarnings.add(unit.note());
            }
            if (unit.conflict() != null) {
                return new Prepared(unit, null, null, false, false, 0, List.of(), Map.of(), List.of(), 0, unitWarnings,
                        unit.metadata().fileName() + ": " + unit.conflict());
            }
            FolderListing listing = FolderListing.read(files, unit.folder(), storedFolders.contains(unit.folder()));
            listing.leftOut().forEach(name -> unitWarnings.add(unit.folder() + "/" + name + ": left out"));
            int planned = options.plannedFolders().getOrDefault(unit.folder(), 0);
            if (!listing.exists() && planned == 0 && unit.metadata() != null) {
                unitWarnings.add(unit.metadata().fileName() + ": no folder " + unit.folder()
                        + " in the images folder; the photoset has no images");
            }
            FolderRecord recorded = journalFolders.get(unit.folder());
            if ((recorded == null || !recorded.imported()) && unit.metadata() == null && listing.files().isEmpty()
                    && listing.leftOut().isEmpty() && planned == 0) {
                // an archive that gave no image (unreadable, empty, junk only): nothing to make a photoset of
                unitWarnings.add(unit.folder() + ": empty folder, no photoset made");
                return new Prepared(unit, listing, null, false, true, 0, List.of(), Map.of(), List.of(), 0, unitWarnings, null);
            }
            String metadataSha = unit.metadata() == null ? null : unit.metadata().sha256();
            if (planned == 0 && recorded != null && recorded.imported() && recorded.photosetId() != null
                    && recorded.fingerprint().equals(listing.fingerprint())
                    && Objects.equals(recorded.metadataSha256(), metadataSha)
                    && services.photosets().exists(recorded.photosetId())) {
                return new Prepared(unit, listing, recorded, true, false, recorded.images(), List.of(), Map.of(), List.of(), 0,
                        unitWarnings, null);
            }
            List<String> relPaths = listing.files().stream().map(f -> unit.folder() + "/" + f.name()).toList();
            Set<String> known = database ? services.registry().findByRelPaths(relPaths).keySet() : Set.of();
            List<Inspected> inspected = new ArrayList<>();
            Map<String, String> rejected = new LinkedHashMap<>();
            for (String relPath : relPaths) {
                if (known.contains(relPath)) {
                    continue;
                }
                try {
                    inspected.add(inspect(relPath));
                } catch (ImageRejectedException e) {
                    rejected.put(relPath, e.getMessage());
                }
            }
            return new Prepared(unit, listing, recorded, false, false, known.size(), inspected, rejected,
                    options.dryRun() ? List.of() : archives(unit.folder()), planned, unitWarnings, null);
        }

        private Inspected inspect(String relPath) throws IOException {
            if (!options.dryRun()) {
                ImageRegistry.InspectedFile file = services.registry().inspectExisting(relPath, null);
                return new Inspected(relPath, file.sha256(), file);
            }
            try (FileStore.LocalFile file = files.local(FileStore.Area.IMAGES.key(relPath))) {
                probe.probe(file.path());
                return new Inspected(relPath, Sha256.of(file.path()), null);
            }
        }

        private List<ArchiveFacts> archives(String folder) throws IOException {
            List<ArchiveFacts> found = new ArrayList<>();
            Path archivesFolder = options.archivesFolder();
            if (archivesFolder == null) {
                return found;
            }
            for (ExtractedArchives.Archive a : ExtractedArchives.in(files, folder)) {
                Path file = archivesFolder.resolve(a.fileName());
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != a.size()
                        || Files.getLastModifiedTime(file).toMillis() != a.modifiedMillis()) {
                    continue;   // replaced or moved since it was extracted: nothing to vouch for
                }
                String key = archiveKey(a.fileName(), a.size(), a.modifiedMillis());
                String sha;
                synchronized (archiveShas) {
                    sha = archiveShas.get(key);
                }
                if (sha == null) {
                    sha = Sha256.of(file);
                }
                found.add(new ArchiveFacts(sha, a.fileName(), a.size(), a.modifiedMillis(), a.complete()));
            }
            return found;
        }

        private Prepared failed(ImportSources.Unit unit, String reason) {
            return new Prepared(unit, null, null, false, false, 0, List.of(), Map.of(), List.of(), 0, List.of(), reason);
        }

        /** Imports one prepared photoset in one transaction. */
        private ImportSummary.UnitResult write(Prepared p) {
            ImportSources.Unit unit = p.unit();
            if (p.failure() != null) {
                recordFailure(unit, p.failure());
                return result(p, ImportSummary.Outcome.FAILED, 0, p.failure());
            }
            if (p.unchanged()) {
                return result(p, ImportSummary.Outcome.UNCHANGED, 0, null);
            }
            if (p.empty()) {
                return result(p, ImportSummary.Outcome.SKIPPED, 0, null);
            }
            try {
                return withRetries(() -> services.transactions().execute(status -> {
                    journal.commitWithoutWaitingForFlush();
                    var photosets = services.photosets();
                    Optional<PhotosetFolder> owner = photosets.findByFolder(unit.folder());
                    UUID photosetId;
                    String name;
                    ImportSummary.Outcome outcome;
                    if (owner.isPresent()) {
                        Photoset updated = photosets.update(owner.get().id(), request(unit, false));
                        photosetId = updated.id();
                        name = updated.name();
                        outcome = ImportSummary.Outcome.UPDATED;
                    } else {
                        photosetId = photosets.createInFolder(request(unit, true), unit.folder()).id();
                        name = unit.name();
                        outcome = ImportSummary.Outcome.CREATED;
                    }
                    Map<String, String> rejected = new LinkedHashMap<>(p.rejected());
                    int added = 0;
                    List<ImageRegistry.InspectedFile> files = p.inspected().stream().map(Inspected::file).toList();
                    List<ImageRegistry.Registered> outcomes = services.registry().registerInspected(photosetId, files);
                    for (int i = 0; i < outcomes.size(); i++) {
                        switch (outcomes.get(i).outcome()) {
                            case ADDED -> added++;
                            case DUPLICATE -> rejected.put(files.get(i).relPath(),
                                    "the same bytes as image " + outcomes.get(i).imageId() + " of this photoset");
                            case ALREADY_REGISTERED -> { }
                        }
                    }
                    int registered = p.alreadyRegistered() + outcomes.size() - countDuplicates(outcomes);
                    if (!rejected.isEmpty() || foldersWithRejected.contains(unit.folder())) {
                        journal.replaceRejected(unit.folder(), rejected);
                    }
                    MetadataFile m = unit.metadata();
                    journal.saveFolder(new FolderRecord(unit.folder(), photosetId, m == null ? null : m.fileName(),
                            m == null ? null : m.sha256(), p.listing().fingerprint(), registered,
                            MigrationJournal.IMPORTED, null));
                    if (m != null) {
                        journal.saveMetadata(new MetadataRecord(m.fileName(), m.sha256(), unit.folder(), photosetId,
                                MigrationJournal.IMPORTED, p.listing().exists() ? null : "no folder; photoset without images"));
                    }
                    for (ArchiveFacts a : p.archives()) {
                        journal.saveArchive(new ArchiveRecord(a.sha256(), a.fileName(), a.bytes(), a.modified(),
                                unit.folder(), photosetId, a.complete() ? "complete" : "incomplete"));
                    }
                    List<String> unitWarnings = new ArrayList<>(p.warnings());
                    rejected.forEach((path, reason) -> unitWarnings.add(path + ": not registered, " + reason));
                    return new ImportSummary.UnitResult(unit.folder(), name, m == null ? null : m.fileName(),
                            outcome, added, p.alreadyRegistered(), rejected.size(), List.copyOf(unitWarnings), null);
                }));
            } catch (RuntimeException e) {
                String reason = explain(unit, e);
                recordFailure(unit, reason);
                return result(p, ImportSummary.Outcome.FAILED, 0, reason);
            } finally {
                if (!p.archives().isEmpty()) {
                    synchronized (archiveShas) {
                        p.archives().forEach(a -> archiveShas.put(archiveKey(a.fileName(), a.bytes(), a.modified()), a.sha256()));
                    }
                }
            }
        }

        /** What a dry run reports for one photoset: what would be created, updated or registered. */
        private ImportSummary.UnitResult plan(Prepared p) {
            ImportSources.Unit unit = p.unit();
            if (p.failure() != null) {
                return result(p, ImportSummary.Outcome.FAILED, 0, p.failure());
            }
            if (p.unchanged()) {
                return result(p, ImportSummary.Outcome.UNCHANGED, 0, null);
            }
            if (p.empty()) {
                return result(p, ImportSummary.Outcome.SKIPPED, 0, null);
            }
            ImportSummary.Outcome outcome = ImportSummary.Outcome.CREATED;
            String failure = null;
            if (database) {
                var photosets = services.photosets();
                if (photosets.findByFolder(unit.folder()).isPresent()) {
                    outcome = ImportSummary.Outcome.UPDATED;
                } else {
                    var sameName = photosets.findByName(unit.name());
                    if (sameName.isPresent()) {
                        failure = nameTaken(unit, sameName.get());
                    }
                }
            }
            Set<String> shas = new HashSet<>();
            Map<String, String> rejected = new LinkedHashMap<>(p.rejected());
            int toRegister = 0;
            for (Inspected i : p.inspected()) {
                if (shas.add(i.sha256())) {
                    toRegister++;
                } else {
                    rejected.put(i.relPath(), "the same bytes as another file of this photoset");
                }
            }
            rejected.forEach((path, reason) -> p.warnings().add(path + ": would not be registered, " + reason));
            if (failure != null) {
                return result(p, ImportSummary.Outcome.FAILED, 0, failure);
            }
            MetadataFile m = unit.metadata();
            return new ImportSummary.UnitResult(unit.folder(), unit.name(), m == null ? null : m.fileName(), outcome,
                    toRegister + p.plannedImages(), p.alreadyRegistered(), rejected.size(), List.copyOf(p.warnings()), null);
        }

        /**
         * Why a photoset could not be imported, told after its transaction was rolled back: most often its name is
         * taken by a photoset in another folder (made through the API, or a folder whose name differs only in case).
         */
        private String explain(ImportSources.Unit unit, RuntimeException e) {
            try {
                var other = services.photosets().findByName(unit.name());
                if (other.isPresent() && services.photosets().findByFolder(unit.folder()).isEmpty()) {
                    return nameTaken(unit, other.get());
                }
            } catch (RuntimeException ignored) {
                // the plain message below is still right
            }
            return describe(e);
        }

        /** Runs a photoset's transaction again when the database gave up on it for the moment (a deadlock). */
        private <T> T withRetries(java.util.function.Supplier<T> work) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return work.get();
                } catch (org.springframework.dao.TransientDataAccessException e) {
                    if (attempt >= 3) {
                        throw e;
                    }
                }
            }
        }

        private String nameTaken(ImportSources.Unit unit, Photoset other) {
            String otherFolder = services.photosets().folder(other.id()).map(PhotosetFolder::folder).orElse("?");
            return "a photoset named '" + other.name() + "' already exists with its files in folder " + otherFolder
                    + ", not in " + unit.folder() + "; rename one of them and run the import again";
        }

        private PhotosetRequest request(ImportSources.Unit unit, boolean creating) {
            MetadataFile m = unit.metadata();
            if (m == null) {
                // a folder alone: its name on creation; later runs leave the photoset as people edited it
                return new PhotosetRequest(creating ? unit.name() : null, null, null, null, null, null, null, null);
            }
            MetadataFile.Fields f = m.fields();
            // in name order, so concurrent photosets creating the same new tags take their locks in the same order
            return new PhotosetRequest(unit.name(), f.year(), f.date(), f.sourceUrl(), f.originalFilename(),
                    byKey(f.actors()), byKey(f.tags()), f.extra());
        }

        private static List<String> byKey(List<String> names) {
            return names == null ? null : names.stream().sorted(java.util.Comparator.comparing(Names::key)).toList();
        }

        private void recordFailure(ImportSources.Unit unit, String reason) {
            if (options.dryRun()) {
                return;
            }
            recordQuietly(() -> services.transactions().executeWithoutResult(s -> {
                journal.folderFailed(unit.folder(), reason);
                MetadataFile m = unit.metadata();
                if (m != null) {
                    journal.saveMetadata(new MetadataRecord(m.fileName(), m.sha256(), unit.folder(), null,
                            MigrationJournal.FAILED, reason));
                }
            }));
        }

        private ImportSummary.UnitResult result(Prepared p, ImportSummary.Outcome outcome, int registered, String failure) {
            ImportSources.Unit unit = p.unit();
            MetadataFile m = unit.metadata();
            return new ImportSummary.UnitResult(unit.folder(), unit.name(), m == null ? null : m.fileName(), outcome,
                    registered, p.alreadyRegistered(), p.rejected().size(), List.copyOf(p.warnings()), failure);
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

    private static int countDuplicates(Collection<ImageRegistry.Registered> outcomes) {
        return (int) outcomes.stream().filter(o -> o.outcome() == ImageRegistry.Registration.DUPLICATE).count();
    }

    private static String archiveKey(String fileName, long bytes, long modified) {
        return fileName + "\u0000" + bytes + "\u0000" + modified;
    }

    private static void recordQuietly(Runnable write) {
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
