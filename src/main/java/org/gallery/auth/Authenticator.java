package org.gallery.auth;

import static org.gallery.auth.AccountTables.SESSIONS;
import static org.gallery.auth.AccountTables.SESSION_EXPIRES;
import static org.gallery.auth.AccountTables.SESSION_HASH;
import static org.gallery.auth.AccountTables.SESSION_ID;
import static org.gallery.auth.AccountTables.SESSION_SEEN;
import static org.gallery.auth.AccountTables.SESSION_USER;
import static org.gallery.auth.AccountTables.TOKENS;
import static org.gallery.auth.AccountTables.TOKEN_EXPIRES;
import static org.gallery.auth.AccountTables.TOKEN_HASH;
import static org.gallery.auth.AccountTables.TOKEN_ID;
import static org.gallery.auth.AccountTables.TOKEN_LAST_USED;
import static org.gallery.auth.AccountTables.TOKEN_SCOPE;
import static org.gallery.auth.AccountTables.TOKEN_USER;
import static org.gallery.auth.AccountTables.USERS;
import static org.gallery.auth.AccountTables.USER_DISABLED;
import static org.gallery.auth.AccountTables.USER_ID;
import static org.gallery.auth.AccountTables.USER_NAME;
import static org.gallery.auth.AccountTables.USER_ROLE;

import com.github.benmanes.caffeine.cache.Cache;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gallery.config.Settings;
import org.gallery.shared.Times;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Turns a session cookie or an API token into a {@link Caller}. Sessions and tokens live in the database, so every
 * instance accepts them and they survive restarts; each instance remembers a verdict for a few seconds so that a
 * request costs one map lookup. A change made on this instance (sign-out, revoke, disable) takes effect
 * here at once and on the others within {@link #REMEMBER}.
 */
@Component
public class Authenticator {

    public static final String COOKIE = "gallery_session";
    static final String TOKEN_PREFIX = "gal_";
    static final Duration REMEMBER = Duration.ofSeconds(5);
    /** Last-use times are kept to the minute: one write per credential and minute, not one per request. */
    private static final long TOUCH_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(1);

    /** {@code userId} is kept for a refusal too, so that enabling a user again is not hidden behind it. */
    private record Verdict(Caller caller, long expiresAt, UUID userId) {
        static final Verdict NONE = new Verdict(null, Long.MAX_VALUE, null);

        static Verdict refused(UUID userId) {
            return new Verdict(null, Long.MAX_VALUE, userId);
        }

        static Verdict of(Caller caller, long expiresAt) {
            return new Verdict(caller, expiresAt, caller.userId());
        }
    }

    private final DSLContext db;
    private final boolean required;
    private final long idleMillis;
    private final Cache<String, Verdict> verdicts = Caffeine.newBuilder()
            .maximumSize(20_000).expireAfterWrite(REMEMBER).build();
    /**
     * The credentials accepted in the last minutes, asked only while the database cannot be reached: an outage then
     * does not sign out everyone who was working (nothing can be revoked meanwhile either).
     */
    private final Cache<String, Verdict> lastAccepted = Caffeine.newBuilder()
            .maximumSize(20_000).expireAfterWrite(Duration.ofMinutes(15)).build();

    Authenticator(DSLContext db, Settings settings) {
        this.db = db;
        this.required = settings.auth().required();
        this.idleMillis = TimeUnit.MINUTES.toMillis(settings.auth().sessionIdleMinutes());
    }

    /**
     * The caller these credentials stand for, or empty when there are none or they are not valid (unknown, expired,
     * revoked, or the user is disabled). A bearer token wins over a cookie.
     */
    public Optional<Caller> authenticate(String authorization, String sessionCookie) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            return token.startsWith(TOKEN_PREFIX) ? remembered("t:" + token, this::loadToken) : Optional.empty();
        }
        if (sessionCookie != null && !sessionCookie.isEmpty()) {
            return remembered("s:" + sessionCookie, this::loadSession);
        }
        return Optional.empty();
    }

    /**
     * Whether a request may read, for answers given ahead of the filters (cached thumbnails): every valid caller is
     * at least a viewer. A request that may not goes on to {@link AuthFilter}, which explains the refusal.
     */
    public boolean mayRead(HttpServletRequest request) {
        try {
            return !required || identify(request).isPresent();
        } catch (CredentialsUnavailableException e) {
            return false;
        }
    }

    Optional<Caller> identify(HttpServletRequest request) {
        String session = null;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    session = c.getValue();
                }
            }
        }
        return authenticate(request.getHeader("Authorization"), session);
    }

    private Optional<Caller> remembered(String key, java.util.function.Function<String, Verdict> load) {
        Verdict verdict = verdicts.getIfPresent(key);
        if (verdict == null) {
            try {
                // only the database sees the hash; this process's memory is keyed by the value it was handed
                verdict = load.apply(Secrets.hash(key.substring(2)));
            } catch (DataAccessException | org.jooq.exception.DataAccessException databaseDown) {
                verdict = lastAccepted.getIfPresent(key);
                if (verdict == null) {
                    throw new CredentialsUnavailableException(databaseDown);
                }
                return Optional.of(verdict.caller());
            }
            verdicts.put(key, verdict);
            if (verdict.caller() != null) {
                lastAccepted.put(key, verdict);
            } else {
                lastAccepted.invalidate(key);
            }
        }
        if (verdict.caller() == null) {
            return Optional.empty();
        }
        if (Times.now() >= verdict.expiresAt()) {
            verdicts.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(verdict.caller());
    }

    private Verdict loadToken(String hash) {
        Record r = db.select(TOKEN_ID, TOKEN_SCOPE, TOKEN_EXPIRES, TOKEN_LAST_USED, USER_ID, USER_NAME, USER_ROLE,
                        USER_DISABLED)
                .from(TOKENS).join(USERS).on(USER_ID.eq(TOKEN_USER)).where(TOKEN_HASH.eq(hash)).fetchOne();
        long now = Times.now();
        if (r == null) {
            return Verdict.NONE;
        }
        if (r.get(USER_DISABLED) != 0 || (r.get(TOKEN_EXPIRES) != null && r.get(TOKEN_EXPIRES) <= now)) {
            return Verdict.refused(r.get(USER_ID));
        }
        Role role = Role.lower(Role.parse(r.get(USER_ROLE)).orElse(Role.VIEWER),
                Role.fromScope(r.get(TOKEN_SCOPE)).orElse(Role.VIEWER));
        if (r.get(TOKEN_LAST_USED) == null || now - r.get(TOKEN_LAST_USED) >= TOUCH_EVERY_MILLIS) {
            db.update(TOKENS).set(TOKEN_LAST_USED, now).where(TOKEN_ID.eq(r.get(TOKEN_ID))).execute();
        }
        long expires = r.get(TOKEN_EXPIRES) == null ? Long.MAX_VALUE : r.get(TOKEN_EXPIRES);
        return Verdict.of(new Caller(r.get(USER_ID), r.get(USER_NAME), role, Caller.Via.TOKEN, r.get(TOKEN_ID)), expires);
    }

    private Verdict loadSession(String hash) {
        Record r = db.select(SESSION_ID, SESSION_EXPIRES, SESSION_SEEN, USER_ID, USER_NAME, USER_ROLE, USER_DISABLED)
                .from(SESSIONS).join(USERS).on(USER_ID.eq(SESSION_USER)).where(SESSION_HASH.eq(hash)).fetchOne();
        long now = Times.now();
        if (r == null) {
            return Verdict.NONE;
        }
        if (r.get(USER_DISABLED) != 0 || r.get(SESSION_EXPIRES) <= now || now - r.get(SESSION_SEEN) > idleMillis) {
            return Verdict.refused(r.get(USER_ID));
        }
        if (now - r.get(SESSION_SEEN) >= TOUCH_EVERY_MILLIS) {
            db.update(SESSIONS).set(SESSION_SEEN, now).where(SESSION_ID.eq(r.get(SESSION_ID))).execute();
        }
        Role role = Role.parse(r.get(USER_ROLE)).orElse(Role.VIEWER);
        long expires = Math.min(r.get(SESSION_EXPIRES), now + idleMillis);
        return Verdict.of(new Caller(r.get(USER_ID), r.get(USER_NAME), role, Caller.Via.SESSION, r.get(SESSION_ID)),
                expires);
    }

    /** Forgets what this instance remembers of a user's credentials (role change, disable, new password). */
    void forgetUser(UUID userId) {
        verdicts.asMap().values().removeIf(v -> userId.equals(v.userId()));
        lastAccepted.asMap().values().removeIf(v -> userId.equals(v.userId()));
    }

    /** Forgets one session or token at once (sign-out, revoke). */
    void forgetCredential(UUID credentialId) {
        verdicts.asMap().values().removeIf(v -> v.caller() != null && credentialId.equals(v.caller().credentialId()));
        lastAccepted.asMap().values().removeIf(v -> credentialId.equals(v.caller().credentialId()));
    }

    /** Credentials were presented but cannot be checked now: the database cannot be reached. */
    static final class CredentialsUnavailableException extends RuntimeException {
        CredentialsUnavailableException(Throwable cause) {
            super("The database cannot be reached, so credentials cannot be checked", cause);
        }
    }
}
