package org.gallery.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.gallery.config.DatabaseUrl;
import org.gallery.db.SchemaMigrations;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new PostgreSQL test database at the schema's head, on a server that has the pgvector extension. Where the
 * server lacks it (the embedded PostgreSQL carries none), tests that need it are skipped on a developer's machine
 * and fail under {@code CI=true}, where it must be installed.
 */
public record PgVectorDatabase(String url, DSLContext db, TransactionTemplate tx, HikariDataSource pool)
        implements AutoCloseable {

    /** A new, empty database at the schema's head; the caller closes it. */
    public static PgVectorDatabase create() {
        String url = newDatabaseWithPgVector();
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        new SchemaMigrations(parsed).upgrade(null);
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(parsed.jdbcUrl());
        pool.setUsername(parsed.user());
        pool.setPassword(parsed.password());
        pool.setMaximumPoolSize(4);
        DSLContext db = DSL.using(new TransactionAwareDataSourceProxy(pool), SQLDialect.POSTGRES);
        return new PgVectorDatabase(url, db, new TransactionTemplate(new DataSourceTransactionManager(pool)), pool);
    }

    /** A new, empty PostgreSQL database as a {@code postgresql://} URL, once the server is known to have pgvector. */
    public static String newDatabaseWithPgVector() {
        String url = TestServices.newPostgresDatabase();
        requirePgVector(url);
        return url;
    }

    /** The settings with {@code VECTOR_STORE=pgvector}, once the test server is known to have the extension. */
    public static Map<String, String> vectorStore(Map<String, String> settings) {
        requireOnTestServer();
        Map<String, String> with = new HashMap<>(settings);
        with.put("VECTOR_STORE", "pgvector");
        return with;
    }

    private static synchronized void requireOnTestServer() {
        if (!checked) {
            requirePgVector(TestServices.newPostgresDatabase());
            checked = true;
        }
    }

    private static boolean checked;

    /** Runs SQL statements on a database, as another program sharing it would. */
    public static void execute(DatabaseUrl url, String... statements) {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
            for (String sql : statements) {
                c.createStatement().execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requirePgVector(String url) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        try (Connection c = DriverManager.getConnection(parsed.jdbcUrl(), parsed.user(), parsed.password());
                ResultSet r = c.createStatement()
                        .executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")) {
            if (!r.next()) {
                String why = "the PostgreSQL server of the tests (" + parsed.jdbcUrl() + ") has no pgvector extension";
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionError(why + ": CI must install it (.ci/run does)");
                }
                Assumptions.abort(why + "; set GALLERY_TEST_POSTGRES_URL to a server that has it");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the test database " + parsed.jdbcUrl(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
