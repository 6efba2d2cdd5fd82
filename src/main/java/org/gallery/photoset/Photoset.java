package org.gallery.photoset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A photoset as the API shows it. */
public record Photoset(
        UUID id,
        String name,
        Integer year,
        String date,
        String sourceUrl,
        String originalFilename,
        List<String> actors,
        List<String> tags,
        int imageCount,
        UUID coverImageId,
        Map<String, Object> extra,
        Instant createdAt,
        Instant updatedAt) {
}
