package org.gallery.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Text-to-image, similar-image and search-by-image over embeddings from an OpenAI-compatible server. */
@ParameterizedClass(name = "{0}")
@MethodSource("databases")
class EmbeddingSearchApiTest {

    record Running(TestApp app, FakeEmbeddingServer server) {
    }

    /** One app per variant and database, shared by its tests. */
    private static final Map<String, Running> RUNNING = new HashMap<>();

    @Parameter
    Db db;

    Running running;
    Api api;
    Factories make;

    static Stream<Db> databases() {
        return Stream.of(Db.values());
    }

    /** The settings of the app under test; a variant adds its own. */
    Map<String, String> settings(Map<String, String> settings) {
        return settings;
    }

    private Running start(Db db) {
        synchronized (RUNNING) {
            return RUNNING.computeIfAbsent(getClass().getName() + "/" + db, key -> {
                try {
                    var server = new FakeEmbeddingServer();
                    var app = TestApp.startWith(db, settings(Map.of("EMBEDDINGS", "openai", "EMBEDDING_BASE_URL",
                            server.baseUrl(), "EMBEDDING_MODEL", "colours-v1", "EMBEDDING_API_KEY", "sk-embed")));
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        app.close();
                        server.close();
                    }));
                    return new Running(app, server);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @BeforeEach
    void setUp() {
        running = start(db);
        api = running.app().api;
        make = new Factories(api);
    }

    UUID image(UUID set, Color colour, List<String> tags) {
        return make.image(set, "c.jpg", TestImages.solid(48, 32, colour), tags);
    }

    /** Uploads are embedded after they are stored, on a thread of their own. */
    void awaitEmbedded(UUID... ids) {
        for (UUID id : ids) {
            Waits.until(Duration.ofSeconds(30), () -> api.get("/api/v2/images/" + id + "/similar?by=embeddings").status(),
                    s -> s == 200);
        }
    }

    static JsonNode ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    static List<String> ids(JsonNode page) {
        return page.get("items").findValuesAsString("id");
    }

    @Test
    void aTextFindsTheImagesItDescribesAndHybridIsTheDefault() {
        UUID set = make.photoset();
        UUID red = image(set, Color.RED, List.of());
        UUID green = image(set, Color.GREEN, List.of());
        UUID blue = image(set, Color.BLUE, List.of());
        awaitEmbedded(red, green, blue);

        JsonNode page = ok(api.get("/api/v2/search?mode=semantic&q=something%20green&photoset_id=" + set));
        assertThat(ids(page)).hasSize(3).first().isEqualTo(green.toString());
        assertThat(page.get("items").get(0).get("score").asDouble()).isGreaterThan(0.9);
        assertThat(page.get("items").get(0).get("file_name").asString()).startsWith("c");

        // hybrid (the default now): the red image, whose caption names blue, is found both ways and comes before
        // the blue one, found by its pixels only; the green one is found by neither text nor colour
        assertThat(api.post("/api/v2/images/" + red + "/caption", Map.of("caption", "not blue at all")).status())
                .isEqualTo(200);
        assertThat(ids(ok(api.get("/api/v2/search?q=blue&photoset_id=" + set)))).containsExactly(red.toString(),
                blue.toString(), green.toString());

        // the text to embed went to the server as a string, with the key and the model
        JsonNode textRequest = running.server().requests.stream()
                .filter(r -> r.path("input").get(0).asString().equals("something green")).findFirst().orElseThrow();
        assertThat(textRequest.path("model").asString()).isEqualTo("colours-v1");
        assertThat(textRequest.has("modality")).isFalse();
        assertThat(running.server().authorizations).allMatch("Bearer sk-embed"::equals);
    }

    @Test
    void filtersApplyInsideTheVectorSearchAndPagesFollowTheCursor() {
        UUID set = make.photoset();
        UUID red = image(set, Color.RED, List.of());
        UUID tagged = image(set, Color.BLUE, List.of("sky"));
        UUID orange = image(set, new Color(255, 120, 0), List.of());
        awaitEmbedded(red, tagged, orange);

        // only one image carries the tag: a filter applied after the search would leave the page empty
        assertThat(ids(ok(api.get("/api/v2/search?mode=semantic&q=red&limit=1&tags=sky&photoset_id=" + set))))
                .containsExactly(tagged.toString());
        assertThat(ids(ok(api.get("/api/v2/search?mode=semantic&q=red&has_caption=true&photoset_id=" + set))))
                .isEmpty();

        JsonNode first = ok(api.get("/api/v2/search?mode=semantic&q=red&limit=2&photoset_id=" + set));
        assertThat(ids(first)).containsExactly(red.toString(), orange.toString());
        JsonNode second = ok(api.get("/api/v2/search?mode=semantic&q=red&limit=2&photoset_id=" + set + "&cursor="
                + first.get("next_cursor").asString()));
        assertThat(ids(second)).containsExactly(tagged.toString());
        assertThat(second.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void similarImagesAndSearchByAnUploadedImage() {
        UUID set = make.photoset();
        UUID red = image(set, Color.RED, List.of());
        UUID darkRed = image(set, new Color(180, 10, 10), List.of());
        UUID blue = image(set, Color.BLUE, List.of());
        awaitEmbedded(red, darkRed, blue);

        JsonNode similar = ok(api.get("/api/v2/images/" + red + "/similar?by=embeddings&photoset_id=" + set));
        assertThat(ids(similar)).containsExactly(darkRed.toString(), blue.toString());
        assertThat(similar.get("items").get(0).get("score").asDouble()).isGreaterThan(0.9);
        assertThat(similar.get("items").get(0).get("distance").isNull()).isTrue();

        int before = ok(api.get("/api/v2/photosets/" + set)).path("image_count").asInt();
        var viewer = running.app().as(org.gallery.auth.Role.VIEWER, "read");
        var found = viewer.multipart("/api/v2/search/image?photoset_id=" + set, "query.png",
                TestImages.solid(64, 64, new Color(20, 20, 230)), Map.of());
        assertThat(ids(ok(found)).getFirst()).isEqualTo(blue.toString());
        // the query image was sent as a data URL and is stored nowhere
        assertThat(running.server().requests.getLast().path("modality").asString()).isEqualTo("image");
        assertThat(running.server().requests.getLast().path("input").get(0).asString()).startsWith("data:image/jpeg;base64,");
        assertThat(ok(api.get("/api/v2/photosets/" + set)).path("image_count").asInt()).isEqualTo(before);

        assertThat(api.multipart("/api/v2/search/image", "x.jpg", "not an image".getBytes(), Map.of()).status())
                .isEqualTo(415);
        assertThat(api.get("/api/v2/images/" + UUID.randomUUID() + "/similar?by=embeddings").status()).isEqualTo(404);
    }

    @Test
    void theJobEmbedsTheSelectionAndReportsProgress() {
        UUID set = make.photoset();
        UUID a = image(set, Color.GREEN, List.of());
        UUID b = image(set, Color.YELLOW, List.of());
        awaitEmbedded(a, b);
        // everything already has a vector: nothing to do unless forced
        assertThat(api.post("/api/v2/embeddings/jobs", Map.of("photoset_id", set)).status()).isEqualTo(422);

        var submitted = api.post("/api/v2/embeddings/jobs", Map.of("photoset_id", set, "force", true));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        JsonNode job = Waits.job(api, submitted.header("Location"), Duration.ofSeconds(60), "succeeded", "failed");
        assertThat(job.get("status").asString()).isEqualTo("succeeded");
        assertThat(job.at("/progress/done").asInt()).isEqualTo(2);
        assertThat(job.at("/progress/total").asInt()).isEqualTo(2);

        JsonNode status = ok(api.get("/api/v2/embeddings"));
        assertThat(status.get("enabled").asBoolean()).isTrue();
        assertThat(status.get("model").asString()).isEqualTo("openai:colours-v1");
        assertThat(status.get("dimension").asInt()).isEqualTo(FakeEmbeddingServer.DIMENSION);
        assertThat(status.get("embedded").asLong()).isGreaterThanOrEqualTo(2);

        assertThat(api.post("/api/v2/embeddings/jobs", Map.of("photoset_id", UUID.randomUUID())).status())
                .isEqualTo(422);
        assertThat(api.post("/api/v2/embeddings/jobs", Map.of("image_ids", List.of(a, UUID.randomUUID()))).status())
                .isEqualTo(422);
        var one = api.post("/api/v2/embeddings/jobs", Map.of("image_ids", List.of(a), "force", true));
        assertThat(one.status()).isEqualTo(202);
        assertThat(Waits.job(api, one.header("Location"), Duration.ofSeconds(60), "succeeded", "failed")
                .at("/progress/done").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v2/embeddings/jobs", Map.of("photoset_id", set, "image_ids", List.of(a))).status())
                .isEqualTo(400);
    }
}
