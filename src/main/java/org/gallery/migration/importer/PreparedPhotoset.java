package org.gallery.migration.importer;

import java.util.List;
import java.util.Map;
import org.gallery.image.ImageRegistry;
import org.gallery.migration.journal.MigrationJournal.FolderRecord;

/** What the workers found out about one photoset before it is written, or planned in a dry run. */
record PreparedPhotoset(ImportSources.Unit unit, FolderListing listing, FolderRecord journal, boolean unchanged,
        boolean empty, int alreadyRegistered, List<Inspected> inspected, Map<String, String> rejected,
        List<ArchiveFacts> archives, int plannedImages, List<String> warnings, String failure) {

    /** A file read and probed, ready to register; {@code file} is null in a dry run. */
    record Inspected(String relPath, String sha256, ImageRegistry.InspectedFile file) {
    }

    /** An archive behind a folder, hashed. */
    record ArchiveFacts(String sha256, String fileName, long bytes, long modified, boolean complete) {
    }

    /** A photoset that could not be read. */
    static PreparedPhotoset failed(ImportSources.Unit unit, String reason) {
        return new PreparedPhotoset(unit, null, null, false, false, 0, List.of(), Map.of(), List.of(), 0, List.of(),
                reason);
    }
}
