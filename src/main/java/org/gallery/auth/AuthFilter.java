package org.gallery.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.gallery.config.Settings;
import org.gallery.shared.Actor;
import org.gallery.web.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Every {@code /api/v2} request passes here: it is matched to a caller (API token or session cookie), refused with
 * 401 or 403 as a problem body when it lacks what {@link AccessRules} asks, checked for cross-site origin when a
 * cookie is what authenticates a write, run as that caller's {@link Actor}, and recorded in the audit list when it
 * changed something. Spring Security would bring a second filter chain and its own session store for what is,
 * here, a lookup and three rules; the password hashing is its BCrypt.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuthFilter extends OncePerRequestFilter {

    private final Authenticator authenticator;
    private final AuditLog audit;
    private final SameOrigin sameOrigin;
    private final boolean required;

    AuthFilter(Authenticator authenticator, AuditLog audit, Settings settings) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.sameOrigin = new SameOrigin(settings.corsOrigins(), settings.auth().trustProxy());
        this.required = settings.auth().required();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(AccessRules.API);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        String path = request.getRequestURI();
        if ("OPTIONS".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        boolean open = AccessRules.open(method, path);
        Caller caller;
        try {
            caller = required ? identify(request) : Caller.LOCAL;
        } catch (Authenticator.CredentialsUnavailableException down) {
            if (!open) {
                response.setHeader("Retry-After", "5");
                ProblemWriter.write(response, HttpStatus.SERVICE_UNAVAILABLE, down.getMessage() + "; try again shortly", path);
                return;
            }
            caller = null;
        }
        if (caller == null && !open) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"gallery\"");
            ProblemWriter.write(response, HttpStatus.UNAUTHORIZED,
                    "Sign in (POST /api/v2/auth/login) or send an API token: Authorization: Bearer gal_...", path);
            return;
        }
        if (caller != null && !open) {
            Role needed = AccessRules.required(method, path, caller.via());
            if (!caller.role().covers(needed)) {
                ProblemWriter.write(response, HttpStatus.FORBIDDEN, forbidden(caller, needed), path);
                return;
            }
            if (caller.via() == Caller.Via.SESSION && !AccessRules.safe(method) && !sameOrigin.test(request)) {
                ProblemWriter.write(response, HttpStatus.FORBIDDEN, "A write signed in with a browser session must come "
                        + "from this site's own pages (its Origin header did not match); scripts should send an API "
                        + "token instead", path);
                return;
            }
        }
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        Actor actor = caller.actor();
        actor.bind();
        try {
            chain.doFilter(request, response);
        } finally {
            Actor.clear();
            if (AccessRules.changes(method, path) && response.getStatus() < 400 && !open) {
                audit.record(actor, kind(method, request), method, path, target(request, response), response.getStatus());
            }
        }
    }

    private Caller identify(HttpServletRequest request) {
        return authenticator.identify(request).orElse(null);
    }

    private static String forbidden(Caller caller, Role needed) {
        String has = caller.via() == Caller.Via.TOKEN ? "this token's scope allows " + caller.role().scope()
                : caller.name() + " is a " + caller.role().id();
        return "This needs the " + needed.id() + " role (" + needed.scope() + " scope); " + has;
    }

    /** {@code post:images.caption} from the route {@code /api/v2/images/{id}/caption}. */
    static String kind(String method, HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern instanceof String p ? p : request.getRequestURI();
        StringBuilder kind = new StringBuilder();
        for (String segment : route.substring(Math.min(route.length(), AccessRules.API.length())).split("/")) {
            if (!segment.isEmpty() && !segment.startsWith("{")) {
                kind.append(kind.isEmpty() ? "" : ".").append(segment);
            }
        }
        return method.toLowerCase(java.util.Locale.ROOT) + ":" + kind;
    }

    /** The id in the path, or for a creation the id at the end of its Location. */
    private static String target(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars
                && !vars.isEmpty()) {
            Object id = vars.containsKey("id") ? vars.get("id") : vars.values().iterator().next();
            return String.valueOf(id);
        }
        String location = response.getHeader("Location");
        return location == null ? null : location.substring(location.lastIndexOf('/') + 1);
    }
}
