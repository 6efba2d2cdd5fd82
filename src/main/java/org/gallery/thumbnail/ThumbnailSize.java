package org.gallery.thumbnail;

import java.util.Locale;
import java.util.Optional;
import org.gallery.config.Settings;
import org.gallery.web.ApiException;

/** The three thumbnail sizes; their long edges come from the settings. */
public enum ThumbnailSize {
    SMALL, MEDIUM, LARGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int longEdge(Settings.Imaging imaging) {
        return switch (this) {
            case SMALL -> imaging.thumbnailSmall();
            case MEDIUM -> imaging.thumbnailMedium();
            case LARGE -> imaging.thumbnailLarge();
        };
    }

    /** The size with this id, or null. */
    public static ThumbnailSize find(String value) {
        for (ThumbnailSize size : values()) {
            if (size.id().equals(value)) {
                return size;
            }
        }
        return null;
    }

    public static ThumbnailSize parse(String value) {
        return Optional.ofNullable(find(value)).orElseThrow(() -> ApiException.invalidField("size", "'" + value + "' is not a thumbnail size; use small, medium or large"));
    }
}
