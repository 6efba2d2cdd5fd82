package org.gallery.auth;

import static org.gallery.auth.AccountTables.TOKENS;
import static org.gallery.auth.AccountTables.TOKEN_CREATED;
import static org.gallery.auth.AccountTables.TOKEN_EXPIRES;
import static org.gallery.auth.AccountTables.TOKEN_HASH;
import static org.gallery.auth.AccountTables.TOKEN_ID;
import static org.gallery.auth.AccountTables.TOKEN_LAST_USED;
import static org.gallery.auth.AccountTables.TOKEN_NAME;
import static org.gallery.auth.AccountTables.TOKEN_PREFIX;
import static org.gallery.auth.AccountTables.TOKEN_SCOPE;
import static org.gallery.auth.AccountTables.TOKEN_USER;
import static org.gallery.auth.AccountTables.USERS;
import static org.gallery.auth.AccountTables.USER_ID;
import static org.gallery.auth.AccountTables.USER_NAME;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gallery.shared.Ids;
import org.gallery.shared.Times;
import org.gallery.web.ApiException;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** API tokens ({@code gal_…}): made by a user for itself, scoped no higher than what it may do, stored as a hash. */
@Service
public class TokenService {

    private final DSLContext db;
    private final UserService users;
    private final Authenticator authenticator;

    TokenService(DSLContext db, UserService users, Authenticator authenticator) {
        this.db = db;
        this.users = users;
        this.authenticator = authenticator;
    }

    /**
     * A new token for {@code userId}. {@code ceiling} is the most the one asking may hand out: its own role, or its
     * token's scope when it asks with a token, so no token can mint a stronger one.
     */
    public ApiToken.Created create(UUID userId, Role ceiling, String name, String scope, Instant expiresAt) {
        User user = users.get(userId);
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100) {
            throw ApiException.invalidField("name", "1 to 100 characters");
        }
        Role wanted = Role.fromScope(scope).orElseThrow(() -> ApiException.invalidField("scope", "one of read, write, admin"));
        Role userRole = Role.parse(user.role()).orElse(Role.VIEWER);
        if (!userRole.covers(wanted) || !ceiling.covers(wanted)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "A " + wanted.scope() + " token needs the " + wanted.id()
                    + " role; the most this request may create is a " + Role.lower(userRole, ceiling).scope() + " token");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw ApiException.invalidField("expires_at", "must be in the future");
        }
        String token = Authenticator.TOKEN_PREFIX + Secrets.randomToken();
        UUID id = Ids.next();
        db.insertInto(TOKENS).set(TOKEN_ID, id).set(TOKEN_HASH, Secrets.hash(token)).set(TOKEN_USER, userId)
                .set(TOKEN_NAME, cleanName).set(TOKEN_SCOPE, wanted.scope()).set(TOKEN_PREFIX, token.substring(0, 8))
                .set(TOKEN_CREATED, Times.now()).set(TOKEN_EXPIRES, expiresAt == null ? null : expiresAt.toEpochMilli())
                .execute();
        return new ApiToken.Created(token, get(id));
    }

    /** One user's tokens, or everybody's when {@code userId} is null. */
    public List<ApiToken> list(UUID userId) {
        Condition which = userId == null ? DSL.noCondition() : TOKEN_USER.eq(userId);
        return select().where(which).orderBy(TOKEN_CREATED.desc(), TOKEN_ID.desc()).fetch(TokenService::token);
    }

    public ApiToken get(UUID id) {
        return select().where(TOKEN_ID.eq(id)).fetchOptional(TokenService::token)
                .orElseThrow(() -> ApiException.notFound("Token", id));
    }

    /** Revokes a token: it fails at once on this instance and within seconds on the others. */
    public void revoke(UUID id) {
        if (db.deleteFrom(TOKENS).where(TOKEN_ID.eq(id)).execute() == 0) {
            throw ApiException.notFound("Token", id);
        }
        authenticator.forgetCredential(id);
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return db.select(List.of(TOKEN_ID, TOKEN_NAME, TOKEN_SCOPE, TOKEN_USER, USER_NAME, TOKEN_PREFIX, TOKEN_CREATED,
                TOKEN_EXPIRES, TOKEN_LAST_USED)).from(TOKENS).join(USERS).on(USER_ID.eq(TOKEN_USER));
    }

    private static ApiToken token(Record r) {
        return new ApiToken(r.get(TOKEN_ID), r.get(TOKEN_NAME), r.get(TOKEN_SCOPE), r.get(TOKEN_USER), r.get(USER_NAME),
                r.get(TOKEN_PREFIX), Times.toInstant(r.get(TOKEN_CREATED)), Times.toInstant(r.get(TOKEN_EXPIRES)),
                Times.toInstant(r.get(TOKEN_LAST_USED)));
    }
}
