package org.gallery.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * The real PostgreSQL and Redis the tests use: the servers named by {@code GALLERY_TEST_POSTGRES_URL} (a
 * {@code postgresql://} URL of a server where databases may be created) and {@code GALLERY_TEST_REDIS_URL} when
 * set, as CI does; otherwise embedded ones started from jars, so the suite needs nothing installed.
 */
public final class TestServices {

    private static String postgresAdminJdbc;
    private static String postgresUser;
    private static String redisUrl;

    private TestServices() {
    }

    /** A new, empty PostgreSQL database on the test server, as a {@code postgresql://} URL. */
    public static synchronized String newPostgresDatabase() {
        startPostgres();
        String name = "gallery_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(postgresAdminJdbc, postgresUser, null)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + postgresAdminJdbc, e);
        }
        String hostPortPath = postgresAdminJdbc.substring("jdbc:postgresql://".length());
        String hostPort = hostPortPath.substring(0, hostPortPath.indexOf('/'));
        return "postgresql://" + postgresUser + "@" + hostPort + "/" + name;
    }

    /** Drops a database {@link #newPostgresDatabase} made, once nothing is connected to it (a large one, say). */
    public static synchronized void dropPostgresDatabase(String url) {
        startPostgres();
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(postgresAdminJdbc, postgresUser, null)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the test database " + name, e);
        }
    }

    public static synchronized String redisUrl() {
        if (redisUrl == null) {
            String fromEnv = System.getenv("GALLERY_TEST_REDIS_URL");
            redisUrl = fromEnv != null && !fromEnv.isBlank() ? fromEnv : startEmbeddedRedis(freePort()).url();
        }
        return redisUrl;
    }

    public record EmbeddedRedis(RedisServer server, int port) {
        public String url() {
            return "redis://127.0.0.1:" + port;
        }
    }

    /** A Redis server of the test's own, which the test may stop and start again. */
    public static EmbeddedRedis startEmbeddedRedis(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            return new EmbeddedRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void startPostgres() {
        if (postgresAdminJdbc != null) {
            return;
        }
        String fromEnv = System.getenv("GALLERY_TEST_POSTGRES_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            var url = org.gallery.config.DatabaseUrl.parse(fromEnv);
            postgresAdminJdbc = url.jdbcUrl();
            postgresUser = url.user() != null ? url.user() : "postgres";
            return;
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            postgresAdminJdbc = pg.getJdbcUrl("postgres", "postgres");
            int q = postgresAdminJdbc.indexOf('?');
            if (q >= 0) {
                postgresAdminJdbc = postgresAdminJdbc.substring(0, q);
            }
            postgresUser = "postgres";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
        }
    }
}
