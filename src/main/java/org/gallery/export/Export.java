package org.gallery.export;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gallery.jobs.Job;
import tools.jackson.databind.JsonNode;

/** An export as {@code GET /api/v2/exports/{id}} shows it; {@code download_url} once it has succeeded. */
public record Export(
        UUID id,
        String status,
        Job.Progress progress,
        List<Job.Failure> failures,
        JsonNode selection,
        JsonNode options,
        String fileName,
        Long bytes,
        String downloadUrl,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant expiresAt,
        String jobUrl) {

    public boolean active() {
        return org.gallery.jobs.JobStatus.active(status);
    }
}
