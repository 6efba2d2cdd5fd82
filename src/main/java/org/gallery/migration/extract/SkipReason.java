package org.gallery.migration.extract;

import java.util.Locale;

/** Why an entry did not become a file of its own. The hostile or surprising kinds are also reported as warnings. */
enum SkipReason {
    /** Operating-system leftovers: {@code __MACOSX/}, {@code ._*}, {@code .DS_Store}, {@code Thumbs.db}, ... */
    JUNK(false),
    /** The bytes are no image format Gallery knows, whatever the name says. */
    NOT_IMAGE(false),
    /** The same bytes are already a file of this photoset. */
    DUPLICATE(false),
    /** Symbolic or hard links and device files: never followed, never created. */
    LINK(true),
    ENCRYPTED(true),
    UNSAFE_PATH(true),
    /** A compression method this build cannot decode. */
    UNSUPPORTED(true),
    /** Over a size or compression-ratio limit (a likely decompression bomb). */
    TOO_LARGE(true);

    private final boolean warns;

    SkipReason(boolean warns) {
        this.warns = warns;
    }

    boolean warns() {
        return warns;
    }

    /** The name used in the manifest, the summary and {@code --json}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SkipReason fromKey(String key) {
        for (SkipReason reason : values()) {
            if (reason.key().equals(key)) {
                return reason;
            }
        }
        return null;
    }
}
