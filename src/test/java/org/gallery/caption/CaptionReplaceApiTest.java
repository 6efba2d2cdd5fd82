package org.gallery.caption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class CaptionReplaceApiTest {

    @Parameter
    Db db;

    @Test
    void dryRunShowsTheChangesAndARealRunSavesNewVersions() {
        Api api = TestApp.of(db).api;
        Factories make = new Factories(api);
        UUID set = make.photoset();
        UUID a = make.image(set);
        UUID b = make.image(set);
        UUID c = make.image(set);
        UUID elsewhere = make.image(null);
        api.post("/api/v2/images/" + a + "/caption", Map.of("caption", "a photo of a Cat on a mat"));
        api.post("/api/v2/images/" + b + "/caption", Map.of("caption", "a photo of two cats"));
        api.post("/api/v2/images/" + elsewhere + "/caption", Map.of("caption", "a photo of a cat"));

        Map<String, Object> body = new HashMap<>(Map.of("find", "a photo of ", "replace", "", "photoset_id", set, "dry_run", true));
        var dry = api.post("/api/v2/captions/replace", body);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().get("examined").asInt()).isEqualTo(2);
        assertThat(dry.json().get("changed").asInt()).isEqualTo(2);
        assertThat(dry.json().get("changes").findValuesAsString("after")).containsExactlyInAnyOrder("a Cat on a mat", "two cats");
        assertThat(api.get("/api/v2/images/" + a + "/caption").json().get("caption").asString()).isEqualTo("a photo of a Cat on a mat");

        body.put("dry_run", false);
        assertThat(api.post("/api/v2/captions/replace", body).json().get("changed").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v2/images/" + a + "/caption").json().get("caption").asString()).isEqualTo("a Cat on a mat");
        assertThat(api.get("/api/v2/images/" + a + "/caption?history=true").json().get("history").size()).isEqualTo(2);
        assertThat(api.get("/api/v2/images/" + elsewhere + "/caption").json().get("caption").asString()).isEqualTo("a photo of a cat");
        assertThat(api.get("/api/v2/images/" + c + "/caption").status()).isEqualTo(404);

        var regex = api.post("/api/v2/captions/replace", Map.of("find", "\\bcats?\\b", "replace", "kitten",
                "regex", true, "ignore_case", true, "image_ids", List.of(a, b)));
        assertThat(regex.json().get("changed").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v2/images/" + a + "/caption").json().get("caption").asString()).isEqualTo("a kitten on a mat");
        assertThat(api.get("/api/v2/images/" + b + "/caption").json().get("caption").asString()).isEqualTo("two kitten");
    }

    @Test
    void badRequestsChangeNothing() {
        Api api = TestApp.of(db).api;
        UUID a = new Factories(api).image(null);
        api.post("/api/v2/images/" + a + "/caption", Map.of("caption", "keep me"));
        assertThat(api.post("/api/v2/captions/replace", Map.of("find", "(", "regex", true, "all", true)).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/captions/replace", Map.of("find", "keep me", "image_ids", List.of(a))).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/captions/replace", Map.of("find", "keep")).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/captions/replace", Map.of("find", "keep", "image_ids", List.of(UUID.randomUUID()))).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/captions/replace", Map.of("replace", "x", "all", true)).status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images/" + a + "/caption").json().get("caption").asString()).isEqualTo("keep me");
    }
}
