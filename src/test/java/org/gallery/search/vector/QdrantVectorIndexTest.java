package org.gallery.search.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.gallery.config.InvalidSettingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Qdrant through its official client, against a server in the test that speaks Qdrant's gRPC protocol: the shared
 * contract, the key, what an unreachable server does at start-up and later, and catching up with the database.
 */
class QdrantVectorIndexTest extends VectorIndexContract {

    private static final String KEY = "test-key-1";

    FakeQdrantServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeQdrantServer(KEY);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
    }

    @Override
    protected QdrantVectorIndex open() {
        return QdrantVectorIndex.connect(server.url(), KEY, "test_");
    }

    /** The database's side: vectors by image, all made at one time. */
    private record Vectors(Map<UUID, float[]> byImage) implements VectorSource {
        @Override
        public State state(String model) {
            return new State(byImage.size(), byImage.isEmpty() ? 0 : 1);
        }

        @Override
        public void forEach(String model, long madeAtFrom, BiConsumer<UUID, float[]> action) {
            if (madeAtFrom <= 1) {
                byImage.forEach(action);
            }
        }
    }

    @Test
    void theKeyGoesWithEveryCallAndAWrongOneStopsStartUpWithoutShowingIt() {
        try (var index = open()) {
            index.put(MODEL, UUID.randomUUID(), random(new Random(1)));
            index.search(MODEL, random(new Random(2)), 3, null);
        }
        assertThat(server.keysSent).isNotEmpty().allMatch(KEY::equals);

        assertThatThrownBy(() -> QdrantVectorIndex.connect(server.url(), "wrong-key", "test_"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("QDRANT_API_KEY")
                .hasMessageNotContaining("wrong-key");
        assertThatThrownBy(() -> QdrantVectorIndex.connect(server.url(), null, "test_"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("QDRANT_API_KEY");
    }

    @Test
    void noServerAtTheAddressStopsStartUpNamingQdrantUrl() throws IOException {
        int free;
        try (var socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        assertThatThrownBy(() -> QdrantVectorIndex.connect("http://127.0.0.1:" + free, KEY, "test_"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("QDRANT_URL='http://127.0.0.1:" + free + "' is not valid");
    }

    @Test
    void aServerLostAtRunTimeIsUnavailableUntilItIsBack() throws Exception {
        Random random = new Random(3);
        UUID id = UUID.randomUUID();
        float[] v = random(random);
        try (var index = open()) {
            index.put(MODEL, id, v);
            server.stop();
            assertThatThrownBy(() -> index.search(MODEL, v, 1, null))
                    .isInstanceOf(VectorStoreUnavailableException.class)
                    .hasMessageContaining("QDRANT_URL=" + server.url());
            assertThatThrownBy(() -> index.put(MODEL, UUID.randomUUID(), v))
                    .isInstanceOf(VectorStoreUnavailableException.class);

            server.restart();
            // the channel reconnects after its back-off
            Instant until = Instant.now().plus(Duration.ofSeconds(30));
            List<VectorIndex.Hit> hits = null;
            while (hits == null) {
                try {
                    hits = index.search(MODEL, v, 1, null);
                } catch (VectorStoreUnavailableException e) {
                    assertThat(Instant.now()).isBefore(until);
                    Thread.sleep(100);
                }
            }
            assertThat(hits).extracting(VectorIndex.Hit::imageId).containsExactly(id);
        }
    }

    @Test
    void syncUploadsWhatTheCollectionLacksAndDropsWhatTheDatabaseNoLongerHas() {
        Random random = new Random(4);
        Map<UUID, float[]> stored = new LinkedHashMap<>();
        for (int i = 0; i < 700; i++) {
            stored.put(UUID.randomUUID(), random(random));
        }
        var source = new Vectors(stored);
        try (var index = open()) {
            String collection = index.collection(MODEL, DIMENSION);
            index.sync(MODEL, source);
            assertThat(server.count(collection)).isEqualTo(700);
            assertThat(server.pointsUpserted.get()).isEqualTo(700);

            // level: only the count is asked for
            index.sync(MODEL, source);
            assertThat(server.pointsUpserted.get()).isEqualTo(700);

            // the server lost points: exactly those go up again
            server.drop(collection, 30);
            index.sync(MODEL, source);
            assertThat(server.count(collection)).isEqualTo(700);
            assertThat(server.pointsUpserted.get()).isEqualTo(730);

            // images deleted while the service was away leave the collection
            UUID gone = stored.keySet().iterator().next();
            float[] goneVector = stored.remove(gone);
            index.sync(MODEL, source);
            assertThat(server.count(collection)).isEqualTo(699);
            assertThat(index.search(MODEL, goneVector, 5, null)).extracting(VectorIndex.Hit::imageId)
                    .doesNotContain(gone);

            // no vector of the model any more: no collection either
            stored.clear();
            index.sync(MODEL, source);
            assertThat(server.collectionNames()).doesNotContain(collection);
        }
    }

    @Test
    void collectionNamesAreSafeDistinctAndCarryTheDimension() {
        try (var index = open()) {
            String name = index.collection("onnx:/models/ViT-B-32__openai", 512);
            assertThat(name).matches("test_[A-Za-z0-9_-]+").endsWith("_d512");
            assertThat(index.collection("onnx:/models/ViT-B-32__openai", 768)).isNotEqualTo(name);
            assertThat(index.collection("onnx_/models/ViT-B-32__openai", 512)).isNotEqualTo(name);
            float[] ones = new float[512];
            java.util.Arrays.fill(ones, 1f);
            index.put("onnx:/models/ViT-B-32__openai", UUID.randomUUID(), ones);
            assertThat(server.collectionNames()).contains(name);
            assertThat(index.search("onnx:/models/ViT-B-32__openai", ones, 3, Set.of())).isEmpty();
        }
    }
}
