package org.gallery.auth;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One write as the audit list shows it: who, when, what kind, on which target, and how it was answered. */
public record AuditEntry(UUID id, Instant at, String actor, @Nullable UUID userId, @Nullable UUID tokenId, String kind,
        @Nullable String method, @Nullable String path, @Nullable String targetId, @Nullable Integer status) {
}
