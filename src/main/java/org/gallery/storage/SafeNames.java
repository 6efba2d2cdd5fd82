package org.gallery.storage;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns user-given names into names that are safe as one path segment on Linux, macOS and Windows. The original
 * name is kept as data by the caller; only the result of these methods ever becomes a path.
 */
public final class SafeNames {

    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cntrl}<>:\"/\\\\|?*\\u0000]");
    private static final Set<String> WINDOWS_RESERVED = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    private static final int MAX_STEM = 120;

    private SafeNames() {
    }

    /** A folder name for a photoset name. */
    public static String folder(String name) {
        String safe = segment(name);
        return safe.isEmpty() ? "photoset" : safe;
    }

    /** A file name: the safe stem of the original's last segment plus the given extension (with its dot). */
    public static String fileName(String original, String extension) {
        String last = original == null ? "" : original;
        int slash = Math.max(last.lastIndexOf('/'), last.lastIndexOf('\\'));
        last = last.substring(slash + 1);
        int dot = last.lastIndexOf('.');
        String stem = segment(dot > 0 ? last.substring(0, dot) : last);
        return (stem.isEmpty() ? "image" : stem) + extension;
    }

    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(dot) : "";
    }

    private static String segment(String raw) {
        String s = Normalizer.normalize(raw == null ? "" : raw, Normalizer.Form.NFC);
        s = UNSAFE.matcher(s).replaceAll("_").strip();
        s = s.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (s.codePointCount(0, s.length()) > MAX_STEM) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_STEM)).strip();
        }
        if (WINDOWS_RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            s = "_" + s;
        }
        return s;
    }
}
