package org.gallery.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do, each role including the ones before it. An API token carries a scope with the same three
 * steps ({@code read}, {@code write}, {@code admin}), never above its user's role.
 */
public enum Role {
    VIEWER("viewer", "read"),
    EDITOR("editor", "write"),
    ADMIN("admin", "admin");

    private final String id;
    private final String scope;

    Role(String id, String scope) {
        this.id = id;
        this.scope = scope;
    }

    public String id() {
        return id;
    }

    public String scope() {
        return scope;
    }

    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    public static Optional<Role> parse(String id) {
        String key = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id.equals(key)).findFirst();
    }

    public static Optional<Role> fromScope(String scope) {
        String key = scope == null ? "" : scope.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.scope.equals(key)).findFirst();
    }

    public static Role lower(Role a, Role b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
