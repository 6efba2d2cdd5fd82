package org.gallery.thumbnail;

import java.util.Arrays;
import java.util.Locale;
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

    public static ThumbnailSize parse(String value) {
        return Arrays.stream(values()).filter(s -> s.id().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.invalidField("size", "'" + value + "' is not a thumbnail size; use small, medium or large"));
    }
}
