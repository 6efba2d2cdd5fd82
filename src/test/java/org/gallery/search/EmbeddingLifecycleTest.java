package org.gallery.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/** The database holds the vectors: a lost index comes back from it, and a new model makes the old vectors stale. */
@ParameterizedClass(name = "{0}")
@MethodSource("databases")
class EmbeddingLifecycleTest {

    @Parameter
    Db db;

    static Stream<Db> databases() {
        return Stream.of(Db.values());
    }

    /** The settings of every instance the test starts; a variant adds its own. */
    Map<String, String> settings(Map<String, String> settings) {
        return settings;
    }

    /** Loses the vector index of a stopped instance: the folder of the embedded index. */
    void loseTheIndex(TestApp stopped) throws IOException {
        Path vectors = stopped.settings.storage().root().resolve("vectors");
        try (Stream<Path> files = Files.walk(vectors)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Map<String, String> model(FakeEmbeddingServer server, String name) {
        return settings(Map.of("EMBEDDINGS", "openai", "EMBEDDING_BASE_URL", server.baseUrl(), "EMBEDDING_MODEL",
                name));
    }

    private static List<String> semantic(TestApp app, String q) {
        var r = app.api.get("/api/v2/search?mode=semantic&q=" + q);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items").findValuesAsString("id");
    }

    @Test
    void aLostIndexIsRebuiltAndANewModelRedoesTheStaleVectors() throws IOException {
        try (var server = new FakeEmbeddingServer()) {
            TestApp first = TestApp.startWith(db, model(server, "colours-v1"));
            var make = new Factories(first.api);
            UUID set = make.photoset();
            UUID red = make.image(set, "r.jpg", TestImages.solid(40, 30, Color.RED), List.of());
            UUID green = make.image(set, "g.jpg", TestImages.solid(40, 30, Color.GREEN), List.of());
            Waits.until(Duration.ofSeconds(30), () -> first.api.get("/api/v2/embeddings").json(),
                    s -> s.get("embedded").asLong() == 2);
            assertThat(semantic(first, "red")).containsExactly(red.toString(), green.toString());
            first.close();

            loseTheIndex(first);
            TestApp second = first.secondInstance(model(server, "colours-v1"));
            try {
                assertThat(semantic(second, "green")).containsExactly(green.toString(), red.toString());
            } finally {
                second.close();
            }

            TestApp third = first.secondInstance(model(server, "colours-v2"));
            try {
                JsonNode status = third.api.get("/api/v2/embeddings").json();
                assertThat(status.get("model").asString()).isEqualTo("openai:colours-v2");
                assertThat(status.get("embedded").asLong()).isZero();
                assertThat(status.get("stale").asLong()).isEqualTo(2);
                var before = third.api.get("/api/v2/search?mode=semantic&q=red");
                assertThat(before.status()).isEqualTo(503);
                assertThat(before.json().get("detail").asString()).contains("POST /api/v2/embeddings/jobs");

                var job = third.api.post("/api/v2/embeddings/jobs", Map.of());
                assertThat(job.status()).as(job.toString()).isEqualTo(202);
                assertThat(Waits.job(third.api, job.header("Location"), Duration.ofSeconds(60), "succeeded", "failed")
                        .get("status").asString()).isEqualTo("succeeded");
                status = third.api.get("/api/v2/embeddings").json();
                assertThat(status.get("embedded").asLong()).isEqualTo(2);
                assertThat(status.get("stale").asLong()).isZero();
                assertThat(semantic(third, "red")).containsExactly(red.toString(), green.toString());
            } finally {
                third.close();
            }
        }
    }

    @Test
    void writesGoOnWhileAnIndexReadsEveryVectorFromTheDatabase() throws Exception {
        try (var server = new FakeEmbeddingServer()) {
            TestApp app = TestApp.startWith(db, model(server, "colours-v1"));
            try {
                var make = new Factories(app.api);
                UUID set = make.photoset();
                make.image(set, "r.jpg", TestImages.solid(40, 30, Color.RED), List.of());
                make.image(set, "g.jpg", TestImages.solid(40, 30, Color.GREEN), List.of());
                Waits.until(Duration.ofSeconds(30), () -> app.api.get("/api/v2/embeddings").json(),
                        s -> s.get("embedded").asLong() == 2);

                // as a slow rebuild of a large index would: a user creates a photoset while each row is handed over
                List<Integer> statuses = new ArrayList<>();
                app.context.getBean(EmbeddingStore.class).forEach("openai:colours-v1", 0, (id, vector) -> {
                    var write = CompletableFuture.supplyAsync(
                            () -> app.api.post("/api/v2/photosets", Map.of("name", "meanwhile " + id)).status());
                    try {
                        statuses.add(write.get(5, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        throw new AssertionError("a write waited for the index's read of the vectors", e);
                    }
                });
                assertThat(statuses).containsExactly(201, 201);
            } finally {
                app.close();
            }
        }
    }
}
