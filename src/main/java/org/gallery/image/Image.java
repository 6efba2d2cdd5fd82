package org.gallery.image;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An image's stored facts, as {@code GET /api/v2/images/{id}/metadata} shows them. */
public record Image(
        UUID id,
        @Nullable UUID photosetId,
        String fileName,
        @Nullable String originalFilename,
        String format,
        String mimeType,
        long bytes,
        String sha256,
        int width,
        int height,
        int orientation,
        @Nullable Instant takenAt,
        @Nullable String camera,
        List<String> tags,
        boolean hasCaption,
        boolean hasCrop,
        Instant createdAt,
        Instant updatedAt) {
}
