package org.gallery.shared;

import java.text.Normalizer;
import java.util.Locale;

/** How user-given names (photosets, tags, actors) are cleaned and compared. */
public final class Names {

    private Names() {
    }

    /** Trimmed, Unicode NFC, inner runs of white space collapsed to one space. */
    public static String clean(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    }

    /** The case-insensitive identity of a name, computed here so both databases compare it the same way. */
    public static String key(String name) {
        return clean(name).toLowerCase(Locale.ROOT);
    }
}
