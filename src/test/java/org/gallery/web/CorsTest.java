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

            // thumbnails too, also when they are answered from memory
            java.util.UUID id = new org.gallery.testing.Factories(app.api).image(null);
            String thumbnail = "/api/v2/images/" + id + "/thumbnail/small";
            for (int i = 0; i < 2; i++) {
                var r = app.api.get(thumbnail, "Origin", "http://ui.example");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("http://ui.example");
            }
            assertThat(app.api.get(thumbnail, "Origin", "http://evil.example").status()).isEqualTo(403);
            // a copy fetched without Origin says the answer depends on it, so no cache hands it to another origin
            assertThat(app.api.get(thumbnail).header("Vary")).contains("Origin");
        } finally {
            app.close();
        }
    }
}
