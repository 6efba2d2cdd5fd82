package org.gallery.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class SearchApiTest {

    @Parameter
    Db db;

    Api api;
    Factories make;

    @BeforeEach
    void setUp() {
        api = TestApp.of(db).api;
        make = new Factories(api);
    }

    /** A word no other test uses, so that every search sees only this test's images. */
    private static String word() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private UUID image(UUID set, String fileName, List<String> tags) {
        return make.image(set, fileName, TestImages.jpeg(40, 30), tags);
    }

    private void caption(UUID id, String text) {
        var r = api.post("/api/v2/images/" + id + "/caption", Map.of("caption", text));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private JsonNode search(String query) {
        var r = api.get("/api/v2/search?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").findValuesAsString("id");
    }

    @Test
    void aCaptionMatchRanksAboveAFileNameMatch() {
        String w = word();
        UUID set = make.photoset();
        UUID byName = image(set, w + "_beach.jpg", List.of());
        UUID byCaption = image(set, "img_0001.jpg", List.of());
        caption(byCaption, "a " + w + " crossing a quiet road at dusk");
        UUID neither = image(set, "other.jpg", List.of());
        caption(neither, "nothing to see");

        JsonNode page = search("q=" + w);
        assertThat(ids(page)).containsExactly(byCaption.toString(), byName.toString());
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("score").asDouble()).isGreaterThan(page.get("items").get(1).get("score").asDouble());
        // results are image objects
        assertThat(first.get("file_name").asString()).isEqualTo("img_0001.jpg");
        assertThat(first.get("has_caption").asBoolean()).isTrue();
        // every word must match, and English words match their other forms
        assertThat(ids(search("q=" + w + "%20crossings%20roads"))).containsExactly(byCaption.toString());
        assertThat(ids(search("q=" + w + "%20elephant"))).isEmpty();
    }

    @Test
    void filtersApplyInsideTheSearch() {
        String w = word();
        UUID one = make.photoset();
        UUID two = make.photoset();
        UUID tagged = image(one, w + ".jpg", List.of("red", "sea"));
        UUID captioned = image(one, "a.jpg", List.of("red"));
        caption(captioned, "the " + w + " at noon");
        UUID elsewhere = image(two, "b.jpg", List.of());
        caption(elsewhere, w + " again");

        assertThat(ids(search("q=" + w + "&photoset_id=" + one))).containsExactlyInAnyOrder(tagged.toString(),
                captioned.toString());
        assertThat(ids(search("q=" + w + "&tags=red,sea"))).containsExactly(tagged.toString());
        assertThat(ids(search("q=" + w + "&has_caption=false"))).containsExactly(tagged.toString());
        assertThat(ids(search("q=" + w + "&has_caption=true&photoset_id=" + two))).containsExactly(elsewhere.toString());
        // a filter that leaves one match still fills the page with it: limit=1 is not spent on the others
        assertThat(ids(search("q=" + w + "&limit=1&photoset_id=" + two))).containsExactly(elsewhere.toString());
    }

    @Test
    void pagesFollowTheCursorWithoutRepeats() {
        String w = word();
        UUID set = make.photoset();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = image(set, "p" + i + ".jpg", List.of());
            caption(id, w + " number " + i);
            all.add(id.toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = search("q=" + w + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(page));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);

        String first = search("q=" + w + "&limit=2").get("next_cursor").asString();
        assertThat(api.get("/api/v2/search?q=other&limit=2&cursor=" + first).status()).isEqualTo(400);
    }

    @Test
    void editsAreSearchableAtOnce() {
        String before = word();
        String after = word();
        String tag = word();
        String setName = word();
        UUID set = make.photoset();
        UUID id = image(set, "edit.jpg", List.of());
        caption(id, "first " + before);
        assertThat(ids(search("q=" + before))).containsExactly(id.toString());

        caption(id, "second " + after);
        assertThat(ids(search("q=" + before))).isEmpty();
        assertThat(ids(search("q=" + after))).containsExactly(id.toString());

        assertThat(api.post("/api/v2/images/" + id + "/tags", Map.of("tags", List.of(tag))).status()).isEqualTo(200);
        assertThat(ids(search("q=" + tag))).containsExactly(id.toString());
        assertThat(api.delete("/api/v2/images/" + id + "/tags/" + tag).status()).isEqualTo(200);
        assertThat(ids(search("q=" + tag))).isEmpty();

        assertThat(api.put("/api/v2/photosets/" + set, Map.of("name", "holiday " + setName)).status()).isEqualTo(200);
        assertThat(ids(search("q=" + setName))).containsExactly(id.toString());

        assertThat(api.delete("/api/v2/images/" + id + "/caption").status()).isEqualTo(204);
        assertThat(ids(search("q=" + after))).isEmpty();
        assertThat(api.delete("/api/v2/images/" + id).status()).isEqualTo(204);
        assertThat(ids(search("q=" + setName))).isEmpty();
    }

    @Test
    void modesWithoutEmbeddingsAndBadQueriesAreProblems() {
        var semantic = api.get("/api/v2/search?q=cat&mode=semantic");
        assertThat(semantic.status()).isEqualTo(503);
        assertThat(semantic.header("Content-Type")).startsWith("application/problem+json");
        assertThat(semantic.json().get("detail").asString()).contains("EMBEDDINGS");
        assertThat(api.get("/api/v2/search?q=cat&mode=hybrid").status()).isEqualTo(503);
        var similar = api.get("/api/v2/images/" + make.image(make.photoset()) + "/similar?by=embeddings");
        assertThat(similar.status()).isEqualTo(503);
        assertThat(similar.json().get("detail").asString()).contains("EMBEDDINGS");
        var job = api.post("/api/v2/embeddings/jobs", Map.of());
        assertThat(job.status()).isEqualTo(503);
        assertThat(job.json().get("detail").asString()).contains("set EMBEDDINGS to onnx");
        assertThat(api.multipart("/api/v2/search/image", "q.jpg", TestImages.jpeg(20, 20), Map.of()).status())
                .isEqualTo(503);
        assertThat(api.get("/api/v2/embeddings").json().get("enabled").asBoolean()).isFalse();
        assertThat(api.get("/api/v2/search?q=cat&mode=fuzzy").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/search").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/search?q=%22%2A%28%29").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/search?q=cat&cursor=nonsense").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/search?q=cat&limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/search?q=cat&photoset_id=" + UUID.randomUUID()).status()).isEqualTo(404);
        // FTS5 and tsquery operators are plain words here, never syntax errors
        assertThat(api.get("/api/v2/search?q=NEAR%28a%20OR%20b%29%20%26%20%21c%3A*").status()).isEqualTo(200);
    }
}
