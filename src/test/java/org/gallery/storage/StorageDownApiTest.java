package org.gallery.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.TestS3;
import org.junit.jupiter.api.Test;

/** What a user sees when the bucket goes away while the service runs, or cannot be used when it starts. */
class StorageDownApiTest {

    @Test
    void aBucketThatGoesAwayAnswers503ProblemsAndHealthShowsStorageDown() {
        var server = TestS3.startServer();
        try (server; TestApp app = TestApp.startWith(Db.SQLITE, server.environment())) {
            var health = app.api.get("/api/v2/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("storage").get("kind").asString()).isEqualTo("s3");
            assertThat(health.json().get("storage").get("status").asString()).isEqualTo("up");
            UUID id = new Factories(app.api).image(null, "kept.jpg", TestImages.jpeg(300, 200), List.of());

            server.close();

            var original = app.api.get("/api/v2/images/" + id);
            assertThat(original.status()).as(original.toString()).isEqualTo(503);
            assertThat(original.header("Content-Type")).startsWith("application/problem+json");
            assertThat(original.json().get("detail").asString()).contains("file storage");
            var thumbnail = app.api.get("/api/v2/images/" + id + "/thumbnail/medium");
            assertThat(thumbnail.status()).as(thumbnail.toString()).isEqualTo(503);
            var upload = app.api.upload("new.jpg", TestImages.jpeg(100, 100), Map.of());
            assertThat(upload.status()).as(upload.toString()).isEqualTo(503);
            // what could be read from the database still is
            assertThat(app.api.get("/api/v2/images/" + id + "/metadata").status()).isEqualTo(200);

            var down = app.api.get("/api/v2/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().get("status").asString()).isEqualTo("down");
            assertThat(down.json().get("storage").get("status").asString()).isEqualTo("down");
        }
    }

    @Test
    void aMissingBucketStopsStartUpWithOneLineNamingIt() {
        Map<String, String> env = new java.util.HashMap<>(TestS3.environment());
        env.put("S3_BUCKET", "not-made-" + UUID.randomUUID().toString().substring(0, 8));
        assertThatThrownBy(() -> TestApp.startWith(Db.SQLITE, env))
                .rootCause().hasMessageContaining("S3_BUCKET='" + env.get("S3_BUCKET") + "' is not valid: no such bucket");
    }
}
