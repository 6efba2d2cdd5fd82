package org.gallery.photoset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A photoset as the API shows it. */
public record Photoset(
        UUID id,
        String name,
        @Nullable Integer year,
        @Nullable String date,
        @Nullable String sourceUrl,
        @Nullable String originalFilename,
        List<String> actors,
        List<String> tags,
        int imageCount,
        @Nullable UUID coverImageId,
        @Nullable Map<String, Object> extra,
        Instant createdAt,
        Instant updatedAt) {
}
