package org.gallery.auth;

import java.util.UUID;
import org.gallery.shared.Actor;

/**
 * Who sent a request and what it may do: the user, and the role it acts with (for a token, the lower of the
 * user's role and the token's scope).
 *
 * @param credentialId the session's or token's id; null when accounts are off
 */
public record Caller(UUID userId, String name, Role role, Via via, UUID credentialId) {

    public enum Via {
        SESSION("session"), TOKEN("token"), OFF("off");

        private final String id;

        Via(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** With {@code AUTH=off}: the one person at this laptop may do everything. */
    static final Caller LOCAL = new Caller(null, "local", Role.ADMIN, Via.OFF, null);

    static final String ATTRIBUTE = Caller.class.getName();

    public Actor actor() {
        return new Actor(name, userId, via == Via.TOKEN ? credentialId : null);
    }

    /** The caller of a request, when it brought valid credentials (or accounts are off). */
    public static Caller of(jakarta.servlet.http.HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller c ? c : null;
    }
}
