package org.gallery.auth;

/**
 * The role each request needs, decided from its method and path in one place, so that no endpoint, present or
 * future, can be left open by forgetting an annotation: reading needs {@code viewer}, changing needs {@code editor},
 * accounts and the audit list need {@code admin}.
 */
final class AccessRules {

    static final String API = "/api/v2/";

    private AccessRules() {
    }

    /** Open to anyone: signing in, and the bare status of the service (its details need a caller). */
    static boolean open(String method, String path) {
        return ("POST".equals(method) && path.equals(API + "auth/login"))
                || (("GET".equals(method) || "HEAD".equals(method)) && path.equals(API + "health"));
    }

    static Role required(String method, String path, Caller.Via via) {
        if (under(path, "users") || under(path, "audit")) {
            return Role.ADMIN;
        }
        if (!changes(method, path)) {
            return Role.VIEWER;
        }
        if (under(path, "tokens") || under(path, "auth")) {
            // a signed-in viewer manages its own read tokens; a token itself needs write scope to change anything
            return via == Caller.Via.TOKEN ? Role.EDITOR : Role.VIEWER;
        }
        return Role.EDITOR;
    }

    /** Whether the request may change anything: a search by image is a POST (it sends a file) but stores nothing. */
    static boolean changes(String method, String path) {
        return !safe(method) && !("POST".equals(method) && path.equals(API + "search/image"));
    }

    static boolean safe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    private static boolean under(String path, String feature) {
        return path.startsWith(API + feature) && (path.length() == API.length() + feature.length()
                || path.charAt(API.length() + feature.length()) == '/');
    }
}
