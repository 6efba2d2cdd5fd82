package org.gallery.search;

import org.gallery.testing.ApiTestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.NearCopies;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DuplicateApiTest extends ApiTestCase {

    /** An original, three near copies of it and two other pictures, in a photoset of their own. */
    record Set(UUID photoset, UUID original, UUID smaller, UUID cropped, UUID brighter, UUID other1, UUID other2) {
    }

    /** The same pictures every run (the seed), each run in a photoset of its own. */
    private Set upload() {
        long seed = 42;
        BufferedImage picture = NearCopies.scene(seed, 1200, 800);
        UUID set = make.photoset();
        UUID original = make.image(set, "original.jpg", NearCopies.jpeg(picture, 0.92f), List.of());
        UUID smaller = make.image(set, "smaller.jpg", NearCopies.jpeg(NearCopies.resized(picture, 0.4), 0.35f), List.of());
        UUID cropped = make.image(set, "cropped.jpg", NearCopies.jpeg(NearCopies.cropped(picture, 0.03, seed), 0.8f), List.of());
        UUID brighter = make.image(set, "brighter.jpg",
                NearCopies.jpeg(NearCopies.brightened(NearCopies.resized(picture, 0.8), 1.2), 0.6f), List.of());
        UUID other1 = make.image(set, "other1.jpg", NearCopies.jpeg(NearCopies.scene(seed + 1, 1200, 800), 0.9f), List.of());
        UUID other2 = make.image(set, "other2.jpg", NearCopies.jpeg(NearCopies.scene(seed + 2, 800, 1200), 0.9f), List.of());
        return new Set(set, original, smaller, cropped, brighter, other1, other2);
    }

    private JsonNode get(String path) {
        var r = api.get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void transformedCopiesFormOneGroupKeepingTheLargest() {
        Set s = upload();
        JsonNode groups = get("/api/v2/duplicates?photoset_id=" + s.photoset()).get("items");
        assertThat(groups).hasSize(1);
        JsonNode group = groups.get(0);
        assertThat(group.get("keep").get("id").asString()).isEqualTo(s.original().toString());
        assertThat(group.get("others").findValuesAsString("id")).containsExactlyInAnyOrder(s.smaller().toString(),
                s.cropped().toString(), s.brighter().toString());
        for (JsonNode other : group.get("others")) {
            assertThat(other.get("distance").asInt()).isBetween(0, DuplicateService.DEFAULT_MAX_DISTANCE);
            assertThat(other.get("file_name").asString()).isNotBlank();
        }

        // a stricter limit leaves the cropped copy out
        JsonNode strict = get("/api/v2/duplicates?photoset_id=" + s.photoset() + "&max_distance=0").get("items");
        assertThat(strict.findValuesAsString("id")).doesNotContain(s.cropped().toString(), s.other1().toString(),
                s.other2().toString());

        assertThat(api.delete("/api/v2/images/" + s.original()).status()).isEqualTo(204);
        JsonNode after = get("/api/v2/duplicates?photoset_id=" + s.photoset()).get("items");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("keep").get("id").asString()).isNotEqualTo(s.original().toString());
        assertThat(after.get(0).get("others")).hasSize(2);
    }

    @Test
    void similarByPixelsIsOrderedByDistance() {
        Set s = upload();
        String similar = "/api/v2/images/" + s.original() + "/similar";
        JsonNode items = get(similar + "?by=pixels&photoset_id=" + s.photoset()).get("items");
        assertThat(items.findValuesAsString("id")).containsExactlyInAnyOrder(s.smaller().toString(),
                s.cropped().toString(), s.brighter().toString());
        int previous = -1;
        for (JsonNode item : items) {
            assertThat(item.get("distance").asInt()).isGreaterThanOrEqualTo(previous);
            previous = item.get("distance").asInt();
        }
        assertThat(get(similar + "?max_distance=0&photoset_id=" + s.photoset()).get("items").findValuesAsString("id"))
                .doesNotContain(s.cropped().toString(), s.other1().toString(), s.other2().toString());

        // across the library too, where earlier runs left copies of the same pictures
        assertThat(get(similar + "?limit=500").get("items").findValuesAsString("id")).contains(s.smaller().toString(),
                s.cropped().toString(), s.brighter().toString());

        assertThat(api.get(similar + "?by=embeddings").status()).isEqualTo(503);
        assertThat(api.get("/api/v2/images/" + s.original() + "/similar?by=colour").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images/" + s.original() + "/similar?max_distance=65").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images/" + UUID.randomUUID() + "/similar").status()).isEqualTo(404);
        assertThat(api.get("/api/v2/duplicates?max_distance=-1").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/duplicates?photoset_id=" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void theBackfillJobHashesImagesStoredWithoutAHash() {
        Set s = upload();
        // as images stored before hashes existed
        app.sql().execute("DELETE FROM image_hashes WHERE image_id IN (?, ?)", s.smaller(), s.brighter());
        assertThat(get("/api/v2/duplicates?photoset_id=" + s.photoset()).get("items").get(0).get("others")).hasSize(1);

        var r = api.post("/api/v2/duplicates/jobs", Map.of("photoset_id", s.photoset()));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("type").asString()).isEqualTo("pixel_hashes");
        assertThat(r.json().get("progress").get("total").asInt()).isEqualTo(2);
        JsonNode done = Waits.job(api, "/api/v2/jobs/" + r.id(), Duration.ofSeconds(30), "succeeded", "failed");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");

        JsonNode group = get("/api/v2/duplicates?photoset_id=" + s.photoset()).get("items").get(0);
        assertThat(group.get("keep").get("id").asString()).isEqualTo(s.original().toString());
        assertThat(group.get("others")).hasSize(3);
        assertThat(api.post("/api/v2/duplicates/jobs", Map.of("photoset_id", s.photoset())).status()).isEqualTo(422);
    }
}
