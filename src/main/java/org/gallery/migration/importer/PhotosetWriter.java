package org.gallery.migration.importer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gallery.image.ImageRegistry;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.importer.PreparedPhotoset.ArchiveFacts;
import org.gallery.migration.importer.PreparedPhotoset.Inspected;
import org.gallery.migration.journal.MigrationJournal;
import org.gallery.migration.journal.MigrationJournal.ArchiveRecord;
import org.gallery.migration.journal.MigrationJournal.FolderRecord;
import org.gallery.migration.journal.MigrationJournal.MetadataRecord;
import org.gallery.photoset.Photoset;
import org.gallery.photoset.PhotosetFolder;
import org.gallery.photoset.PhotosetRequest;
import org.gallery.shared.Names;

/**
 * Writes a prepared photoset in one transaction with the journal rows that record it (one writer at a time on
 * SQLite, a few on PostgreSQL), or in a dry run tells what that would do.
 */
final class PhotosetWriter {

    private final MigrationServices services;
    private final MigrationJournal journal;
    private final PhotosetImporter.Options options;
    /** Whether there is a database to compare with (a dry run may have none yet). */
    private final boolean database;
    private final Set<String> foldersWithRejected;
    private final KnownArchives knownArchives;

    PhotosetWriter(MigrationServices services, PhotosetImporter.Options options, boolean database,
            Set<String> foldersWithRejected, KnownArchives knownArchives) {
        this.services = services;
        this.journal = services == null ? null : services.journal();
        this.options = options;
        this.database = database;
        this.foldersWithRejected = foldersWithRejected;
        this.knownArchives = knownArchives;
    }

    /** Imports one prepared photoset in one transaction. */
    ImportSummary.UnitResult write(PreparedPhotoset p) {
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
            p.archives().forEach(knownArchives::remember);
        }
    }

    /** What a dry run reports for one photoset: what would be created, updated or registered. */
    ImportSummary.UnitResult plan(PreparedPhotoset p) {
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
        return PhotosetImporter.describe(e);
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
        PhotosetImporter.recordQuietly(() -> services.transactions().executeWithoutResult(s -> {
            journal.folderFailed(unit.folder(), reason);
            MetadataFile m = unit.metadata();
            if (m != null) {
                journal.saveMetadata(new MetadataRecord(m.fileName(), m.sha256(), unit.folder(), null,
                        MigrationJournal.FAILED, reason));
            }
        }));
    }

    static ImportSummary.UnitResult result(PreparedPhotoset p, ImportSummary.Outcome outcome, int registered, String failure) {
        ImportSources.Unit unit = p.unit();
        MetadataFile m = unit.metadata();
        return new ImportSummary.UnitResult(unit.folder(), unit.name(), m == null ? null : m.fileName(), outcome,
                registered, p.alreadyRegistered(), p.rejected().size(), List.copyOf(p.warnings()), failure);
    }

    private static int countDuplicates(Collection<ImageRegistry.Registered> outcomes) {
        return (int) outcomes.stream().filter(o -> o.outcome() == ImageRegistry.Registration.DUPLICATE).count();
    }
}
