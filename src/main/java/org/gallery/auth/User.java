package org.gallery.auth;

import java.time.Instant;
import java.util.UUID;

/** An account as the API shows it; the password hash never leaves {@link UserService}. */
public record User(UUID id, String name, String role, boolean disabled, Instant createdAt, Instant lastLoginAt) {
}
