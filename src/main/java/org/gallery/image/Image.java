package org.gallery.image;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An image's stored facts, as {@code GET /api/v2/images/{id}/metadata} shows them. */
public record Image(
        UUID id,
        UUID photosetId,
        String fileName,
        String originalFilename,
        String format,
        String mimeType,
        long bytes,
        String sha256,
        int width,
        int height,
        int orientation,
        Instant takenAt,
        String camera,
        List<String> tags,
        boolean hasCaption,
        boolean hasCrop,
        Instant createdAt,
        Instant updatedAt) {
}
