package org.gallery.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;

/**
 * Cross-site request forgery check for cookie-authenticated writes: the browser says where the page that sent the
 * request came from (Origin, or Sec-Fetch-Site), and only this site's own pages and the origins in
 * {@code CORS_ORIGINS} may write with a user's cookie. A request that says nothing is refused: every browser sends
 * Origin with a POST, so only non-browser clients lack it, and those should use tokens.
 */
final class SameOrigin {

    private final List<String> allowed;
    private final boolean trustProxy;

    SameOrigin(List<String> corsOrigins, boolean trustProxy) {
        this.allowed = corsOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.trustProxy = trustProxy;
    }

    boolean test(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return "same-origin".equals(request.getHeader("Sec-Fetch-Site"));
        }
        String normalized = origin.toLowerCase(Locale.ROOT);
        return normalized.equals(own(request)) || allowed.contains(normalized);
    }

    private String own(HttpServletRequest request) {
        String host = trustProxy && request.getHeader("X-Forwarded-Host") != null
                ? request.getHeader("X-Forwarded-Host").split(",")[0].strip() : request.getHeader("Host");
        String scheme = Secure.request(request, trustProxy) ? "https" : "http";
        if (host == null) {
            return "";
        }
        String own = scheme + "://" + host.toLowerCase(Locale.ROOT);
        // browsers leave the default port out of Origin
        return own.endsWith(":80") && scheme.equals("http") ? own.substring(0, own.length() - 3)
                : own.endsWith(":443") && scheme.equals("https") ? own.substring(0, own.length() - 4) : own;
    }
}
