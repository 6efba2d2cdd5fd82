package org.gallery.jobs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A background job as the API shows it. {@code failures} lists the first items that failed, with their reasons (in
 * a single job's view; lists leave it empty).
 */
public record Job(
        UUID id,
        String type,
        String status,
        Progress progress,
        List<Failure> failures,
        JsonNode params,
        @Nullable JsonNode result,
        @Nullable String error,
        int attempts,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        Instant updatedAt) {

    /** {@code done} items succeeded and {@code failed} did not, out of {@code total}. */
    public record Progress(int done, int failed, int total) {
    }

    public record Failure(UUID itemId, String reason) {
    }

    public boolean active() {
        return JobStatus.active(status);
    }
}
