package org.gallery.db;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Retires an SQLite connection whose transaction could not start. The driver marks the connection as inside a
 * transaction before it runs {@code BEGIN IMMEDIATE}; when that times out (another writer held the database past
 * the busy timeout) the connection is left believing it is in a transaction it never opened, and every later commit
 * on it fails ("cannot commit - no transaction is active"). The pool closes such a connection instead of lending
 * it again.
 */
public final class SqliteConnectionEviction implements SQLExceptionOverride {

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("SQLITE_BUSY") || message.contains("no transaction is active")
                || message.contains("cannot start a transaction within a transaction")
                ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
