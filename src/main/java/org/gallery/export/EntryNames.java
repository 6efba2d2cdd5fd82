package org.gallery.export;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gallery.storage.SafeNames;

/**
 * Names inside an export: one folder per photoset ({@code _unsorted} for images without one) and a stem per image
 * that is unique in its folder ignoring case, so {@code photo.jpg} and {@code photo.png} get {@code photo} and
 * {@code photo_2} and their caption sidecars never collide. Memory grows with the number of names handed out.
 */
final class EntryNames {

    static final String UNSORTED = "_unsorted";

    private final Map<UUID, String> folders = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    /** The folder of a photoset (null: no photoset), from its name made safe. */
    String folder(UUID photosetId, String photosetName) {
        if (photosetId == null) {
            return folders.computeIfAbsent(null, k -> unique("", UNSORTED));
        }
        return folders.computeIfAbsent(photosetId, k -> unique("", SafeNames.folder(photosetName)));
    }

    /** A stem for a stored (already safe) file name in a folder: its own stem, numbered on a clash. */
    String stem(String folder, String fileName) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        return unique(folder + "/", stem.isBlank() ? "image" : stem);
    }

    private String unique(String prefix, String base) {
        String candidate = base;
        for (int n = 2; !used.add((prefix + candidate).toLowerCase(Locale.ROOT)); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }
}
