package org.gallery.migration.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.gallery.migration.extract.ExtractedArchives;
import org.gallery.storage.FileStore;

/**
 * The files of one photoset folder in the file store, in name order, with a fingerprint of their names, sizes and
 * modification times: when the fingerprint is the one recorded after the folder was imported, nothing in it changed.
 * Hidden files (the extract manifest, temporary files) are not photoset files; subfolders and links are left out
 * with a note.
 */
record FolderListing(boolean exists, List<Entry> files, List<String> leftOut, String fingerprint) {

    record Entry(String name, long size, long modifiedMillis) {
    }

    static final String ABSENT = "absent";

    /** @param exists whether the store has the folder at all (a bucket has no empty folders) */
    static FolderListing read(FileStore store, String folder, boolean exists) throws IOException {
        if (!exists) {
            return new FolderListing(false, List.of(), List.of(), ABSENT);
        }
        var stats = store.files(FileStore.Area.IMAGES, folder);
        List<Entry> files = new ArrayList<>();
        stats.forEach((name, stat) -> {
            if (!ExtractedArchives.isBookkeeping(name)) {
                files.add(new Entry(name, stat.size(), stat.lastModifiedMillis()));
            }
        });
        List<String> leftOut = new ArrayList<>();
        for (String child : store.children(FileStore.Area.IMAGES, folder)) {
            if (child.endsWith("/")) {
                leftOut.add(child + " (a subfolder)");
            } else if (!stats.containsKey(child) && !ExtractedArchives.isBookkeeping(child)) {
                leftOut.add(child + " (a link or special file)");
            }
        }
        leftOut.sort(null);
        return new FolderListing(true, List.copyOf(files), List.copyOf(leftOut), fingerprint(files));
    }

    private static String fingerprint(List<Entry> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Entry e : files) {
                digest.update((e.name() + "\u0000" + e.size() + "\u0000" + e.modifiedMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return files.size() + ":" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
