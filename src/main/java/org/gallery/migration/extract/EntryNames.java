package org.gallery.migration.extract;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges entry names as archives store them: hostile paths, operating-system junk, and the last segment that
 * becomes the (flattened) file name. Both separators count, since Windows tools write {@code \} into archives.
 */
final class EntryNames {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final Set<String> JUNK_FOLDERS = Set.of("__macosx", "@eadir", ".appledouble", ".trashes",
            ".spotlight-v100", ".fseventsd", "$recycle.bin");
    private static final Set<String> JUNK_FILES = Set.of(".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini",
            ".localized", "icon\r");

    private EntryNames() {
    }

    /** NFC, so that a name from a macOS archive (NFD) and the same name typed on Linux are one name. */
    static String normalize(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFC);
    }

    /**
     * Why the name is a path-traversal attempt, or null when it is not: absolute paths, drive letters, UNC paths,
     * {@code ..} segments and NUL characters. Such entries are refused outright, even though flattening alone would
     * keep them inside the photoset folder, because they only come from broken or hostile archives.
     */
    static String unsafeReason(String name) {
        String slashed = name.replace('\\', '/');
        if (name.indexOf('\0') >= 0) {
            return "NUL character in entry name";
        }
        if (slashed.startsWith("/")) {
            return "absolute path";
        }
        if (DRIVE.matcher(slashed).matches()) {
            return "drive-letter path";
        }
        if (segments(slashed).contains("..")) {
            return "'..' path traversal";
        }
        return null;
    }

    /** Files that operating systems and tools leave behind (resource forks, thumbnail caches, folder settings). */
    static boolean isJunk(String name) {
        List<String> segments = segments(name.replace('\\', '/'));
        if (segments.isEmpty()) {
            return false;
        }
        for (String folder : segments.subList(0, segments.size() - 1)) {
            if (JUNK_FOLDERS.contains(folder.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        String last = segments.getLast();
        return last.startsWith("._") || JUNK_FILES.contains(last.toLowerCase(Locale.ROOT));
    }

    /** The last path segment: folders inside an archive are flattened away. */
    static String lastSegment(String name) {
        List<String> segments = segments(name.replace('\\', '/'));
        return segments.isEmpty() ? "" : segments.getLast();
    }

    private static List<String> segments(String slashed) {
        return Arrays.stream(slashed.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
