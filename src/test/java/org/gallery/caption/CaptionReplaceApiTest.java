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
    void aFilterSelectsTheCaptionsOfWhatTheImageListShows() {
        Api api = TestApp.of(db).api;
        Factories make = new Factories(api);
        UUID set = make.photoset();
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        UUID tagged = make.image(set, "a.jpg", org.gallery.testing.TestImages.jpeg(61, 40), List.of(tag));
        UUID other = make.image(set, "b.jpg", org.gallery.testing.TestImages.jpeg(62, 40), List.of());
        api.post("/api/v2/images/" + tagged + "/caption", Map.of("caption", "a grey sky"));
        api.post("/api/v2/images/" + other + "/caption", Map.of("caption", "a grey sea"));

        var r = api.post("/api/v2/captions/replace", Map.of("find", "grey", "replace", "blue",
                "filter", Map.of("photoset_id", set.toString(), "tags", List.of(tag))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("changed").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v2/images/" + tagged + "/caption").json().get("caption").asString()).isEqualTo("a blue sky");
        assertThat(api.get("/api/v2/images/" + other + "/caption").json().get("caption").asString()).isEqualTo("a grey sea");
        assertThat(api.post("/api/v2/captions/replace", Map.of("find", "grey", "filter", Map.of("colour", "red"))).status())
                .isEqualTo(400);
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
