package org.gallery.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.gallery.search.embedding.OnnxEmbeddingModelTest;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** EMBEDDINGS=onnx end to end with the tiny model: uploads embedded in-process, the job, and all three searches. */
@ParameterizedClass(name = "{0}")
@MethodSource("databases")
class OnnxEmbeddingApiTest {

    @Parameter
    Db db;

    static Stream<Db> databases() {
        return Stream.of(Db.values());
    }

    /** The settings of the app under test; a variant adds its own. */
    Map<String, String> settings(Map<String, String> settings) {
        return settings;
    }

    @Test
    void uploadsAreEmbeddedInProcessAndEverySearchAnswers() throws Exception {
        TestApp app = TestApp.startWith(db, settings(Map.of("EMBEDDINGS", "onnx",
                "EMBEDDING_MODEL_DIR", OnnxEmbeddingModelTest.tinyClip().toString())));
        try {
            var api = app.api;
            var make = new Factories(api);
            UUID set = make.photoset();
            List<UUID> ids = List.of(make.image(set, "a.jpg", TestImages.solid(300, 200, Color.ORANGE), List.of()),
                    make.image(set, "b.jpg", TestImages.jpeg(120, 160), List.of("x")),
                    make.image(set, "c.jpg", TestImages.solid(64, 64, Color.CYAN), List.of()));
            JsonNode status = Waits.until(Duration.ofSeconds(60), () -> api.get("/api/v2/embeddings").json(),
                    s -> s.get("embedded").asLong() == 3);
            assertThat(status.get("model").asString()).isEqualTo("onnx:tiny-clip");
            assertThat(status.get("dimension").asInt()).isEqualTo(16);

            var job = api.post("/api/v2/embeddings/jobs", Map.of("filter", Map.of("tags", List.of("x")), "force", true));
            assertThat(job.status()).as(job.toString()).isEqualTo(202);
            JsonNode done = Waits.job(api, job.header("Location"), Duration.ofSeconds(60), "succeeded", "failed");
            assertThat(done.at("/progress/done").asInt()).isEqualTo(1);

            var similar = api.get("/api/v2/images/" + ids.get(0) + "/similar?by=embeddings");
            assertThat(similar.status()).as(similar.toString()).isEqualTo(200);
            assertThat(similar.json().get("items").findValuesAsString("id"))
                    .containsExactlyInAnyOrder(ids.get(1).toString(), ids.get(2).toString());
            var semantic = api.get("/api/v2/search?mode=semantic&q=an%20orange%20square&photoset_id=" + set);
            assertThat(semantic.status()).as(semantic.toString()).isEqualTo(200);
            assertThat(semantic.json().get("items")).hasSize(3);
            // the same picture comes back first, as its own nearest neighbour
            var byImage = api.multipart("/api/v2/search/image?photoset_id=" + set, "q.jpg",
                    TestImages.solid(300, 200, Color.ORANGE), Map.of());
            assertThat(byImage.status()).as(byImage.toString()).isEqualTo(200);
            assertThat(byImage.json().get("items").get(0).get("id").asString()).isEqualTo(ids.get(0).toString());
        } finally {
            app.close();
        }
    }
}
