package org.gallery.auth;

import jakarta.servlet.http.HttpServletRequest;

/** Facts about the connection a request came over, believing a proxy's headers only when {@code TRUST_PROXY} says so. */
final class Secure {

    private Secure() {
    }

    static boolean request(HttpServletRequest request, boolean trustProxy) {
        if (request.isSecure()) {
            return true;
        }
        String proto = trustProxy ? request.getHeader("X-Forwarded-Proto") : null;
        return proto != null && proto.split(",")[0].strip().equalsIgnoreCase("https");
    }

    static String clientAddress(HttpServletRequest request, boolean trustProxy) {
        String forwarded = trustProxy ? request.getHeader("X-Forwarded-For") : null;
        return forwarded != null && !forwarded.isBlank() ? forwarded.split(",")[0].strip() : request.getRemoteAddr();
    }
}
