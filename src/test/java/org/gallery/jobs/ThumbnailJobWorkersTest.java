package org.gallery.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.SlowImaging;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** One thumbnail job keeps every job worker of the instance busy, and still stops at once when cancelled. */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class ThumbnailJobWorkersTest {

    @Parameter
    Db db;

    @Test
    void aJobWorksOnAsManyImagesAtOnceAsThereAreWorkersAndStopsWhenCancelled() throws Exception {
        try (TestApp app = TestApp.startWith(db, Map.of("JOB_WORKERS", "2"), SlowImaging.SOURCE)) {
            Api api = app.api;
            SlowImaging imaging = app.context.getBean(SlowImaging.class);
            Factories make = new Factories(api);
            UUID set = make.photoset();
            for (int i = 0; i < 12; i++) {
                make.image(set, String.format("img_%03d.jpg", i), TestImages.jpeg(64, 48), List.of());
            }
            // a batch ends after about a second: at this pace each job takes two, so a cancel can land between them
            imaging.delayThumbnails(400);
            imaging.takeMostThumbnailingAtOnce();

            UUID whole = api.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", set, "force", true)).id();
            JsonNode done = Waits.job(api, "/api/v2/jobs/" + whole, Duration.ofSeconds(60), "succeeded", "failed");
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
            assertThat(done.get("progress").get("done").asInt()).isEqualTo(12);
            assertThat(done.get("progress").get("failed").asInt()).isZero();
            assertThat(imaging.takeMostThumbnailingAtOnce()).as("images thumbnailed at once with JOB_WORKERS=2")
                    .isEqualTo(2);

            UUID cut = api.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", set, "force", true)).id();
            Waits.until(Duration.ofSeconds(30), () -> api.get("/api/v2/jobs/" + cut).json(),
                    j -> j.get("progress").get("done").asInt() >= 4);
            var cancelled = api.post("/api/v2/jobs/" + cut + "/cancel", Map.of());
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            int doneAtCancel = api.get("/api/v2/jobs/" + cut).json().get("progress").get("done").asInt();
            Thread.sleep(1500);
            JsonNode after = api.get("/api/v2/jobs/" + cut).json();
            assertThat(after.get("status").asString()).isEqualTo("cancelled");
            assertThat(after.get("progress").get("done").asInt()).as("no batch committed after the cancel")
                    .isEqualTo(doneAtCancel).isLessThan(12);
        }
    }
}
