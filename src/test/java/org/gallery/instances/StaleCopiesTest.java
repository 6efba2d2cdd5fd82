package org.gallery.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An image deleted through one instance stops being shown by the others at once, though each keeps thumbnails in
 * memory and local copies of the bucket's thumbnails and crops. Instance A keeps no thumbnails in memory, so that it
 * answers from its local copies; B keeps them in memory. Only PostgreSQL: several instances need a shared database
 * and Redis.
 */
class StaleCopiesTest {

    private static final Db DB = Db.POSTGRES;
    private static final Duration AT_ONCE = Duration.ofSeconds(3);

    private static TestApp a;
    private static TestApp b;

    @BeforeAll
    static void start() {
        Map<String, String> deployment = TestApp.deploymentOnS3(DB);
        a = TestApp.startWith(DB, TestApp.instanceOf(deployment, "IMAGE_CACHE_SIZE_MB", "0"));
        b = TestApp.startWith(DB, TestApp.instanceOf(deployment));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    void anImageDeletedOnOneInstanceIsNoLongerShownByTheOther() {
        for (TestApp[] pair : new TestApp[][] {{a, b}, {b, a}}) {
            TestApp shows = pair[0];
            TestApp deletes = pair[1];
            UUID id = new Factories(shows.api).image(null, "photo.jpg", TestImages.photo(400, 300, 7), List.of());
            assertThat(shows.api.post("/api/v2/images/" + id + "/crop",
                    Map.of("x", 10, "y", 10, "width", 200, "height", 100)).status()).isEqualTo(200);
            assertThat(shows.api.get("/api/v2/images/" + id + "/cropped").status()).isEqualTo(200);
            assertThat(shows.api.get("/api/v2/images/" + id + "/cropped").status()).isEqualTo(200);
            for (String size : new String[] {"small", "medium", "large"}) {
                // twice: the second answer comes from the instance's own copy
                assertThat(shows.api.get(thumbnail(id, size)).status()).isEqualTo(200);
                assertThat(shows.api.get(thumbnail(id, size)).status()).as(size).isEqualTo(200);
            }

            assertThat(deletes.api.delete("/api/v2/images/" + id).status()).isEqualTo(204);

            for (String size : new String[] {"small", "medium", "large"}) {
                Waits.until(AT_ONCE, () -> shows.api.get(thumbnail(id, size)).status(), s -> s == 404);
            }
            assertThat(shows.api.get("/api/v2/images/" + id + "/cropped").status()).isEqualTo(404);
        }
    }

    @Test
    void aRemadeThumbnailReplacesEveryInstancesCopy() {
        UUID id = new Factories(b.api).image(null, "photo.jpg", TestImages.photo(400, 300, 8), List.of());
        long uploaded = System.currentTimeMillis() / 1000;
        String before = b.api.get(thumbnail(id, "small")).header("ETag");
        assertThat(a.api.get(thumbnail(id, "small")).header("ETag")).isEqualTo(before);

        // a stored file's time may count whole seconds: a remake within the same second would look the same
        Waits.until(Duration.ofSeconds(3), () -> System.currentTimeMillis() / 1000, now -> now > uploaded);
        // whichever instance runs the job, the other one holds a copy to drop
        var job = a.api.post("/api/v2/thumbnails/jobs", Map.of("image_ids", List.of(id), "force", true));
        assertThat(job.status()).isEqualTo(202);
        var done = Waits.job(a.api, "/api/v2/jobs/" + job.id(), Duration.ofSeconds(30), "succeeded", "failed");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");

        Waits.until(AT_ONCE, () -> List.of(a.api.get(thumbnail(id, "small")).header("ETag"),
                b.api.get(thumbnail(id, "small")).header("ETag")),
                tags -> !tags.get(0).equals(before) && tags.get(0).equals(tags.get(1)));
    }

    private static String thumbnail(UUID id, String size) {
        return "/api/v2/images/" + id + "/thumbnail/" + size;
    }
}
