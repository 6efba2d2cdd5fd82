package org.gallery.auth;

import static org.gallery.auth.AccountTables.SESSIONS;
import static org.gallery.auth.AccountTables.SESSION_USER;
import static org.gallery.auth.AccountTables.USERS;
import static org.gallery.auth.AccountTables.USER_CREATED;
import static org.gallery.auth.AccountTables.USER_DISABLED;
import static org.gallery.auth.AccountTables.USER_HASH;
import static org.gallery.auth.AccountTables.USER_ID;
import static org.gallery.auth.AccountTables.USER_LAST_LOGIN;
import static org.gallery.auth.AccountTables.USER_NAME;
import static org.gallery.auth.AccountTables.USER_ROLE;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.gallery.shared.Ids;
import org.gallery.shared.Times;
import org.gallery.web.ApiException;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.jooq.impl.DSL;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

/** Accounts: names unique ignoring case, BCrypt password hashes, roles, the disabled flag. */
@Service
public class UserService {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
    /** BCrypt reads at most 72 bytes: a longer password would be cut without a word. */
    private static final int MAX_PASSWORD_BYTES = 72;
    private static final int MIN_PASSWORD_LENGTH = 8;

    private final DSLContext db;
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(11);
    /**
     * Compared against when the name is unknown, so a wrong name costs the same time as a wrong password. Made at
     * the first such login rather than at start-up, where hashing it was a twentieth of the start's time.
     */
    private final SingletonSupplier<String> decoyHash =
            SingletonSupplier.of(() -> encoder.encode(Secrets.randomPassword()));
    private final Authenticator authenticator;

    UserService(DSLContext db, Authenticator authenticator) {
        this.db = db;
        this.authenticator = authenticator;
    }

    public List<User> list() {
        return db.select(USER_ID, USER_NAME, USER_ROLE, USER_DISABLED, USER_CREATED, USER_LAST_LOGIN).from(USERS)
                .orderBy(DSL.lower(USER_NAME)).fetch(UserService::user);
    }

    public long count() {
        return db.fetchCount(USERS);
    }

    public Optional<User> find(UUID id) {
        return db.select(USER_ID, USER_NAME, USER_ROLE, USER_DISABLED, USER_CREATED, USER_LAST_LOGIN).from(USERS)
                .where(USER_ID.eq(id)).fetchOptional(UserService::user);
    }

    public Optional<User> findByName(String name) {
        return db.select(USER_ID, USER_NAME, USER_ROLE, USER_DISABLED, USER_CREATED, USER_LAST_LOGIN).from(USERS)
                .where(DSL.lower(USER_NAME).eq(name.strip().toLowerCase(java.util.Locale.ROOT)))
                .fetchOptional(UserService::user);
    }

    public User get(UUID id) {
        return find(id).orElseThrow(() -> ApiException.notFound("User", id));
    }

    public User byName(String name) {
        return findByName(name).orElseThrow(() -> new ApiException(org.springframework.http.HttpStatus.NOT_FOUND,
                "User " + name + " does not exist"));
    }

    /** Creates an account; the password is checked for length and stored only as a hash. */
    @Transactional
    public User add(String name, Role role, String password) {
        String clean = validName(name);
        checkPassword(password);
        UUID id = Ids.next();
        try {
            db.insertInto(USERS).set(USER_ID, id).set(USER_NAME, clean).set(USER_HASH, encoder.encode(password))
                    .set(USER_ROLE, role.id()).set(USER_DISABLED, 0).set(USER_CREATED, Times.now()).execute();
        } catch (IntegrityConstraintViolationException | DataIntegrityViolationException taken) {
            throw ApiException.conflict("A user named " + clean + " already exists");
        }
        return get(id);
    }

    /** The account these credentials belong to, if they are right and the account is enabled. */
    Optional<User> verify(String name, String password) {
        if (name == null || password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            encoder.matches("x", decoyHash.obtain());
            return Optional.empty();
        }
        Record r = db.select(USER_ID, USER_HASH, USER_DISABLED).from(USERS)
                .where(DSL.lower(USER_NAME).eq(name.strip().toLowerCase(java.util.Locale.ROOT))).fetchOne();
        if (r == null) {
            encoder.matches(password, decoyHash.obtain());
            return Optional.empty();
        }
        boolean matches = encoder.matches(password, r.get(USER_HASH));
        if (!matches || r.get(USER_DISABLED) != 0) {
            return Optional.empty();
        }
        db.update(USERS).set(USER_LAST_LOGIN, Times.now()).where(USER_ID.eq(r.get(USER_ID))).execute();
        return find(r.get(USER_ID));
    }

    @Transactional
    public User setRole(UUID id, Role role) {
        User before = get(id);
        if (Role.ADMIN.id().equals(before.role()) && role != Role.ADMIN) {
            keepOneAdmin(id);
        }
        db.update(USERS).set(USER_ROLE, role.id()).where(USER_ID.eq(id)).execute();
        authenticator.forgetUser(id);
        return get(id);
    }

    @Transactional
    public User setPassword(UUID id, String password) {
        get(id);
        checkPassword(password);
        db.update(USERS).set(USER_HASH, encoder.encode(password)).where(USER_ID.eq(id)).execute();
        // a new password signs every browser out; API tokens stay, they are revoked on their own
        db.deleteFrom(SESSIONS).where(SESSION_USER.eq(id)).execute();
        authenticator.forgetUser(id);
        return get(id);
    }

    /** A disabled account cannot sign in, and its sessions and tokens stop working at once. */
    @Transactional
    public User setDisabled(UUID id, boolean disabled) {
        User before = get(id);
        if (disabled && Role.ADMIN.id().equals(before.role())) {
            keepOneAdmin(id);
        }
        db.update(USERS).set(USER_DISABLED, disabled ? 1 : 0).where(USER_ID.eq(id)).execute();
        if (disabled) {
            db.deleteFrom(SESSIONS).where(SESSION_USER.eq(id)).execute();
        }
        authenticator.forgetUser(id);
        return get(id);
    }

    @Transactional
    public void delete(UUID id) {
        User before = get(id);
        if (Role.ADMIN.id().equals(before.role())) {
            keepOneAdmin(id);
        }
        db.deleteFrom(USERS).where(USER_ID.eq(id)).execute();
        authenticator.forgetUser(id);
    }

    @Transactional
    public User rename(UUID id, String name) {
        get(id);
        String clean = validName(name);
        try {
            db.update(USERS).set(USER_NAME, clean).where(USER_ID.eq(id)).execute();
        } catch (IntegrityConstraintViolationException | DataIntegrityViolationException taken) {
            throw ApiException.conflict("A user named " + clean + " already exists");
        }
        authenticator.forgetUser(id);
        return get(id);
    }

    /** Nobody could manage accounts any more once the last enabled admin is gone. */
    private void keepOneAdmin(UUID leaving) {
        int others = db.fetchCount(USERS, USER_ROLE.eq(Role.ADMIN.id()).and(USER_DISABLED.eq(0)).and(USER_ID.ne(leaving)));
        if (others == 0) {
            throw ApiException.conflict("This is the last enabled admin; make another user admin first");
        }
    }

    static String validName(String name) {
        String clean = name == null ? "" : name.strip();
        if (!NAME.matcher(clean).matches()) {
            throw ApiException.invalidField("name", "1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        return clean;
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.invalidField("password", "at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.invalidField("password", "at most " + MAX_PASSWORD_BYTES + " bytes");
        }
    }

    private static User user(Record r) {
        return new User(r.get(USER_ID), r.get(USER_NAME), r.get(USER_ROLE), r.get(USER_DISABLED) != 0,
                Times.toInstant(r.get(USER_CREATED)), Times.toInstant(r.get(USER_LAST_LOGIN)));
    }
}
