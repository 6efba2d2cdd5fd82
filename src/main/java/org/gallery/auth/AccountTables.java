package org.gallery.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

final class AccountTables {

    private AccountTables() {
    }

    static final Table<Record> USERS = table(name("users"));
    static final Field<UUID> USER_ID = field(name("users", "id"), SQLDataType.UUID);
    static final Field<String> USER_NAME = field(name("users", "name"), SQLDataType.VARCHAR);
    static final Field<String> USER_HASH = field(name("users", "password_hash"), SQLDataType.VARCHAR);
    static final Field<String> USER_ROLE = field(name("users", "role"), SQLDataType.VARCHAR);
    static final Field<Integer> USER_DISABLED = field(name("users", "disabled"), SQLDataType.INTEGER);
    static final Field<Long> USER_CREATED = field(name("users", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> USER_LAST_LOGIN = field(name("users", "last_login_at"), SQLDataType.BIGINT);

    static final Table<Record> SESSIONS = table(name("sessions"));
    static final Field<UUID> SESSION_ID = field(name("sessions", "id"), SQLDataType.UUID);
    static final Field<String> SESSION_HASH = field(name("sessions", "token_hash"), SQLDataType.VARCHAR);
    static final Field<UUID> SESSION_USER = field(name("sessions", "user_id"), SQLDataType.UUID);
    static final Field<Long> SESSION_CREATED = field(name("sessions", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> SESSION_SEEN = field(name("sessions", "last_seen_at"), SQLDataType.BIGINT);
    static final Field<Long> SESSION_EXPIRES = field(name("sessions", "expires_at"), SQLDataType.BIGINT);
    static final Field<String> SESSION_CLIENT = field(name("sessions", "client"), SQLDataType.VARCHAR);

    static final Table<Record> TOKENS = table(name("api_tokens"));
    static final Field<UUID> TOKEN_ID = field(name("api_tokens", "id"), SQLDataType.UUID);
    static final Field<String> TOKEN_HASH = field(name("api_tokens", "token_hash"), SQLDataType.VARCHAR);
    static final Field<UUID> TOKEN_USER = field(name("api_tokens", "user_id"), SQLDataType.UUID);
    static final Field<String> TOKEN_NAME = field(name("api_tokens", "name"), SQLDataType.VARCHAR);
    static final Field<String> TOKEN_SCOPE = field(name("api_tokens", "scope"), SQLDataType.VARCHAR);
    static final Field<String> TOKEN_PREFIX = field(name("api_tokens", "prefix"), SQLDataType.VARCHAR);
    static final Field<Long> TOKEN_CREATED = field(name("api_tokens", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> TOKEN_EXPIRES = field(name("api_tokens", "expires_at"), SQLDataType.BIGINT);
    static final Field<Long> TOKEN_LAST_USED = field(name("api_tokens", "last_used_at"), SQLDataType.BIGINT);

    static final Table<Record> AUDIT = table(name("audit_log"));
    static final Field<UUID> AUDIT_ID = field(name("audit_log", "id"), SQLDataType.UUID);
    static final Field<Long> AUDIT_AT = field(name("audit_log", "at"), SQLDataType.BIGINT);
    static final Field<String> AUDIT_ACTOR = field(name("audit_log", "actor"), SQLDataType.VARCHAR);
    static final Field<UUID> AUDIT_USER = field(name("audit_log", "user_id"), SQLDataType.UUID);
    static final Field<UUID> AUDIT_TOKEN = field(name("audit_log", "token_id"), SQLDataType.UUID);
    static final Field<String> AUDIT_KIND = field(name("audit_log", "kind"), SQLDataType.VARCHAR);
    static final Field<String> AUDIT_METHOD = field(name("audit_log", "method"), SQLDataType.VARCHAR);
    static final Field<String> AUDIT_PATH = field(name("audit_log", "path"), SQLDataType.VARCHAR);
    static final Field<String> AUDIT_TARGET = field(name("audit_log", "target_id"), SQLDataType.VARCHAR);
    static final Field<Integer> AUDIT_STATUS = field(name("audit_log", "status"), SQLDataType.INTEGER);
}
