package org.gallery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;

class CorsTest {

    @Test
    void allowsOnlyTheConfiguredOrigins() {
        TestApp app = TestApp.startWith(Db.SQLITE, Map.of("CORS_ORIGINS", "[\"http://ui.example\"]"));
        try {
            var allowed = app.api.get("/api/v2/health", "Origin", "http://ui.example");
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://ui.example");
            var preflight = app.api.raw("OPTIONS", "/api/v2/photosets", "application/json", new byte[0]);
            assertThat(preflight.status()).isLessThan(500);
            var other = app.api.get("/api/v2/health", "Origin", "http://evil.example");
            assertThat(other.status()).isEqualTo(403);
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        } finally {
            app.close();
        }
    }
}
