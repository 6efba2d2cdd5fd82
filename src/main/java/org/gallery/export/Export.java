package org.gallery.export;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gallery.jobs.Job;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An export as {@code GET /api/v2/exports/{id}} shows it; {@code download_url} once it has succeeded. */
public record Export(
        UUID id,
        String status,
        Job.Progress progress,
        List<Job.Failure> failures,
        JsonNode selection,
        JsonNode options,
        @Nullable String fileName,
        @Nullable Long bytes,
        @Nullable String downloadUrl,
        @Nullable String error,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Instant expiresAt,
        String jobUrl) {

    public boolean active() {
        return org.gallery.jobs.JobStatus.active(status);
    }
}
