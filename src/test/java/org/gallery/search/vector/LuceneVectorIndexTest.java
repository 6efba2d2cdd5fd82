package org.gallery.search.vector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded HNSW index: the shared contract, and the limit of its on-disk format. */
class LuceneVectorIndexTest extends VectorIndexContract {

    @TempDir
    Path root;

    @Override
    protected VectorIndex open() {
        return new LuceneVectorIndex(root);
    }

    @Test
    void vectorsLongerThanTheFormatAllowsAreRefusedWithTheSettingToChange() {
        try (var index = open()) {
            assertThatThrownBy(() -> index.put(MODEL, UUID.randomUUID(),
                    new float[LuceneVectorIndex.MAX_DIMENSION + 1])).hasMessageContaining("VECTOR_STORE");
        }
    }
}
