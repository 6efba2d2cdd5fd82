package org.gallery.auth;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An account as the API shows it; the password hash never leaves {@link UserService}. */
public record User(UUID id, String name, String role, boolean disabled, Instant createdAt, @Nullable Instant lastLoginAt) {
}
