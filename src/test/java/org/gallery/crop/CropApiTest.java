package org.gallery.crop;

import org.gallery.testing.ApiTestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;

class CropApiTest extends ApiTestCase {

    @Test
    void storesReplacesAndRemovesTheCrop() {
        UUID set = make.photoset();
        UUID id = make.image(set, "c.jpg", TestImages.jpeg(400, 300), List.of());
        String path = "/api/v2/images/" + id + "/crop";
        assertThat(api.get(path).status()).isEqualTo(404);

        var saved = api.post(path, Map.of("x", 10, "y", 20, "width", 300, "height", 200, "aspect_ratio", "3:2"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        var got = api.get(path).json();
        assertThat(got.get("x").asInt()).isEqualTo(10);
        assertThat(got.get("width").asInt()).isEqualTo(300);
        assertThat(got.get("aspect_ratio").asString()).isEqualTo("3:2");
        assertThat(api.get("/api/v2/images/" + id + "/metadata").json().get("has_crop").asBoolean()).isTrue();
        assertThat(api.get("/api/v2/images?photoset_id=" + set + "&has_crop=true").json().get("items").size()).isEqualTo(1);

        api.post(path, Map.of("x", 0, "y", 0, "width", 400, "height", 300));
        got = api.get(path).json();
        assertThat(got.get("width").asInt()).isEqualTo(400);
        assertThat(got.get("aspect_ratio").isNull()).isTrue();

        assertThat(api.delete(path).status()).isEqualTo(204);
        assertThat(api.get(path).status()).isEqualTo(404);
        assertThat(api.get("/api/v2/images/" + id + "/metadata").json().get("has_crop").asBoolean()).isFalse();
    }

    @Test
    void cropOutsideTheImageIs422ListingTheBadFieldsAndKeepsTheOldOne() {
        UUID id = make.image(null, "c.jpg", TestImages.jpeg(400, 300), List.of());
        String path = "/api/v2/images/" + id + "/crop";
        api.post(path, Map.of("x", 1, "y", 1, "width", 10, "height", 10));

        var r = api.post(path, Map.of("x", 350, "y", -1, "width", 100, "height", 0));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("y", "width", "height");

        Map<String, Object> fractional = new HashMap<>(Map.of("x", 1.5, "y", 0, "width", 10, "height", 10));
        assertThat(api.post(path, fractional).json().get("errors").get(0).get("field").asString()).isEqualTo("x");
        assertThat(api.post(path, Map.of("x", "1", "y", 0, "width", 10, "height", 10)).status()).isEqualTo(422);
        assertThat(api.post(path, Map.of("x", 0, "y", 0)).json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("width", "height");

        assertThat(api.get(path).json().get("width").asInt()).isEqualTo(10);
        assertThat(api.post("/api/v2/images/" + UUID.randomUUID() + "/crop", Map.of("x", 0, "y", 0, "width", 1, "height", 1))
                .status()).isEqualTo(404);
    }

    @Test
    void cropIsInUprightPixels() {
        // 300x200 sensor pixels with orientation 6 stand upright as 200x300
        UUID id = make.image(null, "r.jpg", TestImages.jpegWithExif(300, 200, 6, "2020:01:01 00:00:00", "X", "Y"), List.of());
        String path = "/api/v2/images/" + id + "/crop";
        assertThat(api.post(path, Map.of("x", 0, "y", 0, "width", 200, "height", 300)).status()).isEqualTo(200);
        assertThat(api.post(path, Map.of("x", 0, "y", 0, "width", 300, "height", 200)).status()).isEqualTo(422);
    }
}
