package org.gallery.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.Map;
import org.gallery.config.DatabaseUrl;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;

/** When PostgreSQL refuses connections, health says so with a 503 and requests fail cleanly, not with a hang. */
class DatabaseDownTest {

    @Test
    void healthIs503AndRequestsAreProblemsWhileTheDatabaseIsDown() throws Exception {
        TestApp app = TestApp.startWith(Db.POSTGRES, Map.of());
        // a client that was working before the outage: its token is still known while the database is away
        assertThat(app.api.get("/api/v2/auth/me").status()).isEqualTo(200);
        Api stranger = app.api.withToken("gal_never-seen-before-token-0000000000000000");
        DatabaseUrl url = app.settings.database();
        String name = url.jdbcUrl().substring(url.jdbcUrl().lastIndexOf('/') + 1);
        String admin = url.jdbcUrl().substring(0, url.jdbcUrl().lastIndexOf('/') + 1) + "postgres";
        try (var c = DriverManager.getConnection(admin, url.user(), url.password())) {
            c.createStatement().execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            c.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            var health = app.api.get("/api/v2/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asString()).isEqualTo("down");
            assertThat(health.json().get("database").get("status").asString()).isEqualTo("down");
            var list = app.api.get("/api/v2/photosets");
            assertThat(list.status()).isGreaterThanOrEqualTo(500);
            assertThat(list.header("Content-Type")).startsWith("application/problem+json");
            var unknown = stranger.get("/api/v2/photosets");
            assertThat(unknown.status()).as("credentials that cannot be checked").isEqualTo(503);
            assertThat(unknown.json().get("detail").asString()).contains("database");
            assertThat(stranger.get("/api/v2/health").json().propertyNames()).containsExactly("status");

            c.createStatement().execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            int status = 0;
            for (int i = 0; i < 50 && status != 200; i++) {
                Thread.sleep(200);
                status = app.api.get("/api/v2/health").status();
            }
            assertThat(status).as("healthy again once the database is back").isEqualTo(200);
        } finally {
            app.close();
        }
    }
}
