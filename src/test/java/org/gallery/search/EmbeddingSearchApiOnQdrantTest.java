package org.gallery.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.gallery.search.vector.FakeQdrantServer;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;

/**
 * The same searches with the vectors in Qdrant ({@code VECTOR_STORE=qdrant}), served by a test server that speaks
 * Qdrant's gRPC protocol; and what a search answers while that server is away.
 */
class EmbeddingSearchApiOnQdrantTest extends EmbeddingSearchApiTest {

    private static final String KEY = "qdrant-key-for-tests";
    private static FakeQdrantServer qdrant;

    private static synchronized FakeQdrantServer qdrant() {
        if (qdrant == null) {
            try {
                qdrant = new FakeQdrantServer(KEY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return qdrant;
    }

    /** Each database's service keeps its own collections on the one server. */
    private String prefix() {
        return "api_" + db.name().toLowerCase(Locale.ROOT) + "_";
    }

    @Override
    Map<String, String> settings(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.putAll(Map.of("VECTOR_STORE", "qdrant", "QDRANT_URL", qdrant().url(), "QDRANT_API_KEY", KEY,
                "QDRANT_COLLECTION_PREFIX", prefix()));
        return all;
    }

    private long pointsInQdrant() {
        return qdrant.collectionNames().stream().filter(n -> n.startsWith(prefix())).mapToLong(qdrant::count).sum();
    }

    @Test
    void vectorsLiveInQdrantAndASearchAnswers503WhileItIsAway() throws Exception {
        UUID set = make.photoset();
        UUID red = image(set, Color.RED, List.of());
        UUID blue = image(set, Color.BLUE, List.of());
        awaitEmbedded(red, blue);
        assertThat(ok(api.get("/api/v2/embeddings")).path("vector_store").asString()).isEqualTo("qdrant");
        assertThat(qdrant.keysSent).isNotEmpty().allMatch(KEY::equals);

        // a deleted image leaves Qdrant as well
        long before = pointsInQdrant();
        assertThat(api.delete("/api/v2/images/" + blue).status()).isEqualTo(204);
        assertThat(pointsInQdrant()).isEqualTo(before - 1);

        qdrant.stop();
        try {
            var down = api.get("/api/v2/search?mode=semantic&q=red&photoset_id=" + set);
            assertThat(down.status()).as(down.toString()).isEqualTo(503);
            assertThat(down.header("Content-Type")).startsWith("application/problem+json");
            assertThat(down.header("Retry-After")).isEqualTo("5");
            assertThat(down.json().path("detail").asString()).contains("VECTOR_STORE=qdrant");
        } finally {
            qdrant.restart();
        }
        // the client reconnects by itself once the server is back
        Waits.until(Duration.ofSeconds(30),
                () -> api.get("/api/v2/search?mode=semantic&q=red&photoset_id=" + set).status(), s -> s == 200);
        assertThat(ids(ok(api.get("/api/v2/search?mode=semantic&q=red&photoset_id=" + set))))
                .containsExactly(red.toString());
    }
}
