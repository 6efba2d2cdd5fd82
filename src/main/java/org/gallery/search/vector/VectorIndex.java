package org.gallery.search.vector;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Nearest neighbours among the stored image vectors of one model, by cosine similarity. One implementation runs per
 * process, chosen by {@code VECTOR_STORE}. The database's {@code embeddings} table is the source of truth: an index
 * that keeps its own copy catches up from it ({@link #sync}).
 */
public interface VectorIndex extends AutoCloseable {

    /** A neighbour and its cosine similarity to the query (1 is the same direction). */
    record Hit(UUID imageId, float score) {
    }

    /** Short name for logs and the status endpoint: {@code lucene}, {@code pgvector}. */
    String name();

    /** Brings the index of {@code model} level with the database; cheap when it already is. */
    void sync(String model, VectorSource source);

    /** Adds or replaces the vector of an image (unit length). */
    void put(String model, UUID imageId, float[] vector);

    /** Forgets every vector of an image. */
    void remove(UUID imageId);

    /**
     * The {@code k} nearest images to {@code query}, closest first; only images in {@code allowed} when it is not
     * null, chosen inside the search so that k results come back whenever k allowed images have vectors.
     */
    List<Hit> search(String model, float[] query, int k, @Nullable Collection<UUID> allowed);

    @Override
    default void close() {
    }
}
