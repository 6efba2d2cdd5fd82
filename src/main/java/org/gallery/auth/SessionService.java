package org.gallery.auth;

import static org.gallery.auth.AccountTables.SESSIONS;
import static org.gallery.auth.AccountTables.SESSION_CLIENT;
import static org.gallery.auth.AccountTables.SESSION_CREATED;
import static org.gallery.auth.AccountTables.SESSION_EXPIRES;
import static org.gallery.auth.AccountTables.SESSION_HASH;
import static org.gallery.auth.AccountTables.SESSION_ID;
import static org.gallery.auth.AccountTables.SESSION_SEEN;
import static org.gallery.auth.AccountTables.SESSION_USER;

import java.time.Duration;
import java.util.UUID;
import org.gallery.config.Settings;
import org.gallery.shared.Ids;
import org.gallery.shared.Times;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/** Browser sessions: a random cookie value, kept in the database only as its hash. */
@Service
class SessionService {

    record Started(String cookieValue, Duration maxAge) {
    }

    private final DSLContext db;
    private final Authenticator authenticator;
    private final Duration maxAge;

    SessionService(DSLContext db, Authenticator authenticator, Settings settings) {
        this.db = db;
        this.authenticator = authenticator;
        this.maxAge = Duration.ofDays(settings.auth().sessionMaxDays());
    }

    Started start(UUID userId, String client) {
        String value = Secrets.randomToken();
        long now = Times.now();
        // sessions past their absolute expiry are of no use to anyone; a sign-in is a rare enough moment to sweep
        db.deleteFrom(SESSIONS).where(SESSION_EXPIRES.lt(now)).execute();
        db.insertInto(SESSIONS).set(SESSION_ID, Ids.next()).set(SESSION_HASH, Secrets.hash(value))
                .set(SESSION_USER, userId).set(SESSION_CREATED, now).set(SESSION_SEEN, now)
                .set(SESSION_EXPIRES, now + maxAge.toMillis())
                .set(SESSION_CLIENT, client == null ? null : client.substring(0, Math.min(200, client.length())))
                .execute();
        return new Started(value, maxAge);
    }

    void end(UUID sessionId) {
        db.deleteFrom(SESSIONS).where(SESSION_ID.eq(sessionId)).execute();
        authenticator.forgetCredential(sessionId);
    }

}
