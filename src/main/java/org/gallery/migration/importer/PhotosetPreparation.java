package org.gallery.migration.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gallery.image.ImageRegistry;
import org.gallery.imaging.ImageProbe;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.extract.ExtractedArchives;
import org.gallery.migration.importer.PreparedPhotoset.ArchiveFacts;
import org.gallery.migration.importer.PreparedPhotoset.Inspected;
import org.gallery.migration.journal.MigrationJournal.FolderRecord;
import org.gallery.shared.Sha256;
import org.gallery.storage.FileStore;

/**
 * What the import's workers do for a photoset before it is written, several photosets at once: list its folder,
 * tell whether it changed since it was imported, and read, probe and hash its new files and its archives.
 */
final class PhotosetPreparation {

    private final MigrationServices services;
    private final FileStore files;
    private final ImageProbe probe;
    private final PhotosetImporter.Options options;
    /** Whether there is a database to compare with (a dry run may have none yet). */
    private final boolean database;
    private final Map<String, FolderRecord> journalFolders;
    private final Set<String> storedFolders;
    private final KnownArchives knownArchives;

    PhotosetPreparation(MigrationServices services, FileStore files, ImageProbe probe, PhotosetImporter.Options options,
            boolean database, Map<String, FolderRecord> journalFolders, Set<String> storedFolders,
            KnownArchives knownArchives) {
        this.services = services;
        this.files = files;
        this.probe = probe;
        this.options = options;
        this.database = database;
        this.journalFolders = journalFolders;
        this.storedFolders = storedFolders;
        this.knownArchives = knownArchives;
    }

    /** One photoset's folder, compared with what the journal recorded of it; a file that is no image is rejected. */
    PreparedPhotoset prepare(ImportSources.Unit unit) throws IOException {
        List<String> unitWarnings = new ArrayList<>();
        if (unit.metadata() != null) {
            unit.metadata().warnings().forEach(w -> unitWarnings.add(unit.metadata().fileName() + ": " + w));
        }
        if (unit.note() != null) {
            unitWarnings.add(unit.note());
        }
        if (unit.conflict() != null) {
            return new PreparedPhotoset(unit, null, null, false, false, 0, List.of(), Map.of(), List.of(), 0, unitWarnings,
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
            return new PreparedPhotoset(unit, listing, null, false, true, 0, List.of(), Map.of(), List.of(), 0, unitWarnings, null);
        }
        String metadataSha = unit.metadata() == null ? null : unit.metadata().sha256();
        if (planned == 0 && recorded != null && recorded.imported() && recorded.photosetId() != null
                && recorded.fingerprint().equals(listing.fingerprint())
                && Objects.equals(recorded.metadataSha256(), metadataSha)
                && services.photosets().exists(recorded.photosetId())) {
            return new PreparedPhotoset(unit, listing, recorded, true, false, recorded.images(), List.of(), Map.of(), List.of(), 0,
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
        return new PreparedPhotoset(unit, listing, recorded, false, false, known.size(), inspected, rejected,
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
            String sha = knownArchives.sha256(a.fileName(), a.size(), a.modifiedMillis());
            if (sha == null) {
                sha = Sha256.of(file);
            }
            found.add(new ArchiveFacts(sha, a.fileName(), a.size(), a.modifiedMillis(), a.complete()));
        }
        return found;
    }
}
