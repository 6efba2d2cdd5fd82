package org.gallery.search.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.gallery.search.embedding.Vectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorIndex} must do, whichever {@code VECTOR_STORE} runs it: find what an exact scan of the same
 * vectors finds, apply filters inside the search, score by cosine similarity, forget removed images, and keep the
 * spaces of different models apart.
 */
public abstract class VectorIndexContract {

    protected static final String MODEL = "test:random-64";
    protected static final int DIMENSION = 64;

    /** A new, empty index; the caller closes it. */
    protected abstract VectorIndex open();

    protected static float[] random(Random random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalize(v);
    }

    protected static List<UUID> exact(List<UUID> ids, List<float[]> vectors, float[] query, int k, Set<UUID> allowed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (allowed == null || allowed.contains(ids.get(i))) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble(i -> -Vectors.dot(vectors.get(i), query)));
        return order.stream().limit(k).map(ids::get).toList();
    }

    @Test
    protected void findsWhatAnExactScanFindsOnlyAmongAllowedImagesAndForgetsRemovedOnes() {
        Random random = new Random(7);
        List<UUID> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        try (var index = open()) {
            for (int i = 0; i < 3000; i++) {
                ids.add(UUID.randomUUID());
                vectors.add(random(random));
                index.put(MODEL, ids.getLast(), vectors.getLast());
            }
            double found = 0;
            int queries = 50;
            for (int q = 0; q < queries; q++) {
                float[] query = random(random);
                List<UUID> truth = exact(ids, vectors, query, 10, null);
                List<VectorIndex.Hit> hits = index.search(MODEL, query, 10, null);
                assertThat(hits).hasSize(10);
                assertThat(hits).isSortedAccordingTo(Comparator.comparingDouble(h -> -h.score()));
                found += hits.stream().filter(h -> truth.contains(h.imageId())).count();
            }
            assertThat(found / (queries * 10)).as("recall@10").isGreaterThanOrEqualTo(0.95);

            // the score is the cosine similarity
            VectorIndex.Hit self = index.search(MODEL, vectors.get(5), 1, null).getFirst();
            assertThat(self.imageId()).isEqualTo(ids.get(5));
            assertThat(self.score()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));

            Set<UUID> allowed = new HashSet<>(ids.subList(100, 140));
            float[] query = random(random);
            List<VectorIndex.Hit> filtered = index.search(MODEL, query, 10, allowed);
            assertThat(filtered).extracting(VectorIndex.Hit::imageId)
                    .containsExactlyElementsOf(exact(ids, vectors, query, 10, allowed));
            assertThat(index.search(MODEL, query, 10, Set.of())).isEmpty();

            index.remove(ids.get(5));
            assertThat(index.search(MODEL, vectors.get(5), 1, null).getFirst().imageId()).isNotEqualTo(ids.get(5));
            // another model's index is another space
            assertThat(index.search("test:other", query, 10, null)).isEmpty();
        }
    }
}
