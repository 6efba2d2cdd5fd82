package org.gallery.auth;

import java.time.Instant;
import java.util.UUID;

/** One write as the audit list shows it: who, when, what kind, on which target, and how it was answered. */
public record AuditEntry(UUID id, Instant at, String actor, UUID userId, UUID tokenId, String kind, String method,
        String path, String targetId, Integer status) {
}
