package org.gallery.auth;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An API token as listed; its secret is shown once, at creation, and never stored. */
public record ApiToken(UUID id, String name, String scope, UUID userId, String userName, String prefix,
        Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt) {

    /** The answer to a creation: the token itself, the only time it is shown. */
    public record Created(String token, ApiToken info) {
    }
}
