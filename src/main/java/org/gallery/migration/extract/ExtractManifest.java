package org.gallery.migration.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kept as {@value #FILE_NAME} in each photoset folder: what every entry of every archive became, and the size and
 * hash of every file extracted. Reruns and resumed runs read it to skip finished work and to make the same naming
 * choices as an uninterrupted run would have made.
 */
record ExtractManifest(int format, Map<String, ArchiveRecord> archives, Map<String, FileRecord> files) {

    static final String FILE_NAME = ".gallery-extract.json";
    static final int FORMAT = 1;

    static ExtractManifest empty() {
        return new ExtractManifest(FORMAT, new TreeMap<>(), new TreeMap<>());
    }

    /** Copies into mutable maps, whatever the JSON reader produced. */
    ExtractManifest mutableCopy() {
        var copiedArchives = new TreeMap<String, ArchiveRecord>();
        if (archives != null) {
            archives.forEach((k, v) -> copiedArchives.put(k, new ArchiveRecord(v.size(), v.modified(), v.complete(),
                    new ArrayList<>(v.entries() == null ? List.of() : v.entries()))));
        }
        return new ExtractManifest(FORMAT, copiedArchives, new TreeMap<>(files == null ? Map.of() : files));
    }

    /**
     * One archive: its size and modification time (to notice a replaced archive), whether every entry was handled,
     * and the entries handled so far.
     */
    record ArchiveRecord(long size, long modified, boolean complete, List<EntryRecord> entries) {
    }

    /**
     * @param outcome {@code image} (extracted to {@code file}), {@code duplicate} (same bytes as {@code file}), or
     *                the skip reason
     */
    record EntryRecord(int index, String name, String outcome, String file) {

        static final String IMAGE = "image";
    }

    record FileRecord(long size, String sha256) {
    }
}
