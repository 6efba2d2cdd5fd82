package org.gallery.jobs;

import org.gallery.testing.ApiTestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Api;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ThumbnailJobApiTest extends ApiTestCase {

    @Test
    void photosetJobMakesEveryThumbnailAndReportsProgress() throws Exception {
        UUID set = make.photoset();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(make.image(set));
        }
        Path thumbs = app.settings.storage().thumbnails();
        for (UUID id : ids) {
            deleteTree(thumbs.resolve(id.toString()));
        }
        var r = api.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", set));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        UUID job = r.id();
        assertThat(r.header("Location")).isEqualTo("/api/v2/jobs/" + job);
        assertThat(r.json().get("type").asString()).isEqualTo("thumbnails");
        assertThat(r.json().get("progress").get("total").asInt()).isEqualTo(5);

        JsonNode done = Waits.job(api, "/api/v2/jobs/" + job, Duration.ofSeconds(30), "succeeded", "failed");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("progress").get("done").asInt()).isEqualTo(5);
        assertThat(done.get("progress").get("failed").asInt()).isZero();
        assertThat(done.get("started_at").isNull()).isFalse();
        assertThat(done.get("finished_at").isNull()).isFalse();
        for (UUID id : ids) {
            assertThat(thumbs.resolve(id + "/small.jpg")).exists();
            assertThat(thumbs.resolve(id + "/large.jpg")).exists();
        }

        var listed = api.get("/api/v2/jobs?type=thumbnails&status=succeeded&limit=500").json();
        assertThat(listed.get("items").findValuesAsString("id")).contains(job.toString());
        assertThat(api.post("/api/v2/jobs/" + job + "/cancel", Map.of()).status()).isEqualTo(409);
        assertThat(api.post("/api/v2/jobs/" + job + "/retry", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void imagesThatVanishAreFailuresWithReasons() {
        UUID kept = make.image(null);
        UUID gone = make.image(null);
        var r = api.post("/api/v2/thumbnails/jobs", Map.of("image_ids", List.of(kept, gone), "force", true));
        assertThat(r.status()).isEqualTo(202);
        // deleting right away races the worker; either the job saw it or it did not, both are valid outcomes
        api.delete("/api/v2/images/" + gone);
        JsonNode done = Waits.job(api, "/api/v2/jobs/" + r.id(), Duration.ofSeconds(30), "succeeded", "failed");
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        JsonNode p = done.get("progress");
        assertThat(p.get("done").asInt() + p.get("failed").asInt()).isEqualTo(2);
        for (JsonNode f : done.get("failures")) {
            assertThat(f.get("item_id").asString()).isEqualTo(gone.toString());
            assertThat(f.get("reason").asString()).contains("does not exist");
        }
    }

    @Test
    void aJobWhoseEveryItemFailsHasFailedAndCanBeRetried() {
        UUID missing = UUID.randomUUID();
        var params = org.gallery.testing.Api.JSON.createObjectNode().put("force", true);
        Job job = app.context.getBean(Jobs.class).submit("thumbnails", params,
                List.of(new PlannedItem(missing, null)).iterator());
        JsonNode failed = Waits.job(api, "/api/v2/jobs/" + job.id(), Duration.ofSeconds(30), "failed", "succeeded");
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("error").asString()).contains("Every item failed");
        assertThat(failed.get("failures").get(0).get("item_id").asString()).isEqualTo(missing.toString());
        assertThat(failed.get("failures").get(0).get("reason").asString()).contains("does not exist");

        var retried = api.post("/api/v2/jobs/" + job.id() + "/retry", Map.of());
        assertThat(retried.status()).isEqualTo(200);
        JsonNode again = Waits.job(api, "/api/v2/jobs/" + job.id(), Duration.ofSeconds(30), "failed", "succeeded");
        assertThat(again.get("status").asString()).isEqualTo("failed");
        assertThat(again.get("progress").get("failed").asInt()).isEqualTo(1);
    }

    @Test
    void badSelectionsAreProblemsAndMakeNoJob() {
        int before = api.get("/api/v2/jobs?limit=500").json().get("items").size();
        UUID set = make.photoset();
        var both = api.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", set, "image_ids", List.of(UUID.randomUUID())));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.header("Content-Type")).startsWith("application/problem+json");
        var unknown = api.post("/api/v2/thumbnails/jobs", Map.of("image_ids", List.of(UUID.randomUUID())));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("image_ids");
        assertThat(api.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", UUID.randomUUID())).status()).isEqualTo(422);
        assertThat(api.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", set)).status()).as("empty photoset").isEqualTo(422);
        assertThat(api.post("/api/v2/thumbnails/jobs", Map.of("image_ids", List.of())).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/thumbnails/jobs", "{\"image_ids\": [\"nope\"]}").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/jobs?limit=500").json().get("items").size()).isEqualTo(before);
    }

    @Test
    void listFiltersAndPagesWithAKeysetCursor() {
        UUID image = make.image(null);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(api.post("/api/v2/thumbnails/jobs", Map.of("image_ids", List.of(image))).id().toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = api.get("/api/v2/jobs?type=thumbnails&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(j -> seen.add(j.get("id").asString()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().containsAll(made);
        // newest first
        assertThat(seen.indexOf(made.get(2))).isLessThan(seen.indexOf(made.get(0)));
        assertThat(api.get("/api/v2/jobs?status=bogus").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/jobs?cursor=zzz").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/jobs/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/v2/jobs?type=nothing").json().get("items").size()).isZero();
    }

    static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
