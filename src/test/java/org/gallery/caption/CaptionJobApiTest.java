package org.gallery.caption;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class CaptionJobApiTest {

    @Parameter
    Db db;

    @Test
    void captionsAPhotosetSkippingManualCaptionsUnlessOverwriting() throws Exception {
        Api api = TestApp.of(db).api;
        Factories make = new Factories(api);
        UUID set = make.photoset();
        UUID a = make.image(set);
        UUID b = make.image(set);
        UUID manual = make.image(set);
        api.post("/api/v2/images/" + manual + "/caption", Map.of("caption", "written by hand"));

        var r = api.post("/api/v2/captions/jobs", Map.of("photoset_id", set, "generator", "dummy", "prompt", "Describe."));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("type").asString()).isEqualTo("captions");
        JsonNode done = Waits.job(api, "/api/v2/jobs/" + r.id(), Duration.ofSeconds(60), "succeeded", "failed");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("progress").get("done").asInt()).isEqualTo(3);

        for (UUID id : List.of(a, b)) {
            JsonNode caption = api.get("/api/v2/images/" + id + "/caption").json();
            assertThat(caption.get("source").asString()).isEqualTo("generated");
            assertThat(caption.get("generator").asString()).isEqualTo("dummy");
            assertThat(caption.get("prompt").asString()).isEqualTo("Describe.");
        }
        assertThat(api.get("/api/v2/images/" + manual + "/caption").json().get("caption").asString()).isEqualTo("written by hand");

        var again = api.post("/api/v2/captions/jobs", Map.of("image_ids", List.of(manual), "generator", "dummy", "overwrite", true));
        Waits.job(api, "/api/v2/jobs/" + again.id(), Duration.ofSeconds(60), "succeeded", "failed");
        assertThat(api.get("/api/v2/images/" + manual + "/caption").json().get("source").asString()).isEqualTo("generated");
    }

    @Test
    void aFilterCaptionsWhatTheImageListShows() {
        Api api = TestApp.of(db).api;
        Factories make = new Factories(api);
        UUID set = make.photoset();
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        UUID tagged = make.image(set, "a.jpg", org.gallery.testing.TestImages.jpeg(63, 40), List.of(tag));
        UUID other = make.image(set, "b.jpg", org.gallery.testing.TestImages.jpeg(64, 41), List.of());

        var r = api.post("/api/v2/captions/jobs", Map.of("filter", Map.of("photoset_id", set.toString(), "tags", List.of(tag)),
                "generator", "dummy"));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        JsonNode done = Waits.job(api, "/api/v2/jobs/" + r.id(), Duration.ofSeconds(60), "succeeded", "failed");
        assertThat(done.get("progress").get("total").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v2/images/" + tagged + "/caption").status()).isEqualTo(200);
        assertThat(api.get("/api/v2/images/" + other + "/caption").status()).isEqualTo(404);
        assertThat(api.post("/api/v2/captions/jobs", Map.of("filter", Map.of("photoset_id", UUID.randomUUID().toString())))
                .status()).isEqualTo(422);
    }

    @Test
    void badSelectionsMakeNoJob() {
        Api api = TestApp.of(db).api;
        assertThat(api.post("/api/v2/captions/jobs", Map.of("generator", "dummy")).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/captions/jobs", Map.of("photoset_id", UUID.randomUUID())).status()).isEqualTo(422);
        assertThat(api.post("/api/v2/captions/jobs", Map.of("image_ids", List.of(UUID.randomUUID()))).status()).isEqualTo(422);
        UUID id = new Factories(api).image(null);
        assertThat(api.post("/api/v2/captions/jobs", Map.of("image_ids", List.of(id), "generator", "nope")).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/captions/jobs", Map.of("filter", Map.of("tags", List.of("no-such-tag-" + UUID.randomUUID()))))
                .status()).isEqualTo(422);
    }
}
