package org.gallery.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A database location turned into what JDBC needs. Accepts the old system's SQLAlchemy-style URLs
 * ({@code postgresql://}, {@code postgresql+asyncpg://}, {@code sqlite:///relative}, {@code sqlite:////absolute})
 * and plain {@code jdbc:} URLs.
 */
public record DatabaseUrl(Kind kind, String jdbcUrl, String user, String password) {

    public enum Kind { SQLITE, POSTGRESQL }

    /** Pragmas every SQLite connection needs; IMMEDIATE avoids SQLITE_BUSY_SNAPSHOT between concurrent writers. */
    static final String SQLITE_PARAMS = "journal_mode=WAL&foreign_keys=true&busy_timeout=10000&transaction_mode=IMMEDIATE";

    static final String ACCEPTED = "expected postgresql://user:pass@host:port/db, postgresql+asyncpg://..., "
            + "sqlite:///relative/path.db, sqlite:////absolute/path.db or a jdbc:postgresql:/jdbc:sqlite: URL";

    public static DatabaseUrl sqliteFile(Path file) {
        return new DatabaseUrl(Kind.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath() + "?" + SQLITE_PARAMS, null, null);
    }

    public static DatabaseUrl parse(String value) {
        String url = value.strip();
        try {
            if (url.startsWith("jdbc:sqlite:")) {
                return new DatabaseUrl(Kind.SQLITE, withSqliteParams(url), null, null);
            }
            if (url.startsWith("jdbc:postgresql:")) {
                return new DatabaseUrl(Kind.POSTGRESQL, url, null, null);
            }
            if (url.startsWith("sqlite:///")) {
                String path = url.substring("sqlite:///".length());
                int query = path.indexOf('?');
                if (query >= 0) {
                    path = path.substring(0, query);
                }
                if (path.isEmpty()) {
                    throw new InvalidSettingException("DATABASE_URL", value, ACCEPTED);
                }
                return sqliteFile(Path.of(path));
            }
            if (url.startsWith("postgresql://") || url.startsWith("postgres://") || url.startsWith("postgresql+")) {
                return fromPostgresUri(URI.create(url.replaceFirst("^[a-z+]+://", "postgresql://")));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("DATABASE_URL", value, ACCEPTED);
        }
        throw new InvalidSettingException("DATABASE_URL", value, ACCEPTED);
    }

    private static DatabaseUrl fromPostgresUri(URI uri) {
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("host and database are required");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath()
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        return new DatabaseUrl(Kind.POSTGRESQL, jdbc, user, password);
    }

    private static String withSqliteParams(String url) {
        if (url.contains("transaction_mode=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + SQLITE_PARAMS;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The database file of a SQLite URL, or null for PostgreSQL and in-memory databases. */
    public Path sqliteFile() {
        if (kind != Kind.SQLITE) {
            return null;
        }
        String path = jdbcUrl.substring("jdbc:sqlite:".length()).split("\\?")[0];
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        return path.isEmpty() || path.startsWith(":memory:") ? null : Path.of(path).toAbsolutePath();
    }

    /**
     * The same database opened so that nothing can be written and nothing is created: PostgreSQL sessions are
     * read-only; a SQLite file is opened read-only without the pragmas that write, and as immutable (no lock or
     * shared-memory files appear next to it) unless a write-ahead log shows another connection may be writing.
     */
    public DatabaseUrl readOnly() {
        if (kind == Kind.POSTGRESQL) {
            String sep = jdbcUrl.contains("?") ? "&" : "?";
            return new DatabaseUrl(kind, jdbcUrl + sep + "readOnly=true&readOnlyMode=always", user, password);
        }
        Path file = sqliteFile();
        if (file == null) {
            return this;
        }
        boolean inUse = java.nio.file.Files.exists(Path.of(file + "-wal"));
        return new DatabaseUrl(kind, "jdbc:sqlite:file:" + file + (inUse ? "?mode=ro" : "?immutable=1"), null, null);
    }

    /** The URL without credentials, safe to print. */
    public String display() {
        int query = jdbcUrl.indexOf('?');
        return query >= 0 ? jdbcUrl.substring(0, query) : jdbcUrl;
    }
}
