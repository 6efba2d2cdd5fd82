package org.gallery.caption;

import org.gallery.testing.ApiTestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CaptionApiTest extends ApiTestCase {

    @Test
    void manualCaptionsKeepTheirHistory() {
        UUID set = make.photoset();
        UUID id = make.image(set, "c.jpg", TestImages.jpeg(40, 30), List.of());
        String path = "/api/v2/images/" + id + "/caption";
        assertThat(api.get(path).status()).isEqualTo(404);

        var first = api.post(path, Map.of("caption", "  a red square on blue  "));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("caption").asString()).isEqualTo("a red square on blue");
        assertThat(first.json().get("source").asString()).isEqualTo("manual");
        api.post(path, Map.of("caption", "a red square on a blue field"));

        JsonNode current = api.get(path).json();
        assertThat(current.get("caption").asString()).isEqualTo("a red square on a blue field");
        assertThat(current.get("history").isNull()).isTrue();
        JsonNode withHistory = api.get(path + "?history=true").json();
        assertThat(withHistory.get("history").findValuesAsString("caption"))
                .containsExactly("a red square on a blue field", "a red square on blue");

        assertThat(api.get("/api/v2/images/" + id + "/metadata").json().get("has_caption").asBoolean()).isTrue();
        assertThat(api.get("/api/v2/images?photoset_id=" + set + "&has_caption=true").json().get("items").size()).isEqualTo(1);
        assertThat(api.get("/api/v2/images?photoset_id=" + set + "&q=BLUE%20FIELD").json().get("items").size()).isEqualTo(1);

        assertThat(api.delete(path).status()).isEqualTo(204);
        assertThat(api.get(path).status()).isEqualTo(404);
        assertThat(api.get("/api/v2/images/" + id + "/metadata").json().get("has_caption").asBoolean()).isFalse();
        assertThat(api.delete(path).status()).isEqualTo(404);
    }

    @Test
    void badCaptionsAreRefusedAndTheCurrentOneStays() {
        UUID id = make.image(null);
        String path = "/api/v2/images/" + id + "/caption";
        api.post(path, Map.of("caption", "kept"));
        assertThat(api.post(path, Map.of("caption", "   ")).status()).isEqualTo(400);
        assertThat(api.post(path, Map.of("text", "wrong field")).status()).isEqualTo(400);
        assertThat(api.post(path, Map.of("caption", "x".repeat(20_001))).status()).isEqualTo(400);
        assertThat(api.get(path).json().get("caption").asString()).isEqualTo("kept");
        assertThat(api.post("/api/v2/images/" + UUID.randomUUID() + "/caption", Map.of("caption", "x")).status()).isEqualTo(404);
    }

    @Test
    void deletingTheImageDeletesItsCaptions() {
        UUID id = make.image(null);
        api.post("/api/v2/images/" + id + "/caption", Map.of("caption", "soon gone"));
        assertThat(api.delete("/api/v2/images/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v2/images/" + id + "/caption").status()).isEqualTo(404);
    }
}
