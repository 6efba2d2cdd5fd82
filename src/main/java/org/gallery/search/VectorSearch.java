package org.gallery.search;

import static org.gallery.search.SearchTables.IMAGES;
import static org.gallery.search.SearchTables.I_ID;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gallery.search.embedding.EmbeddingException;
import org.gallery.search.embedding.EmbeddingModel;
import org.gallery.search.vector.VectorIndex;
import org.gallery.web.ApiException;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Nearest images to a text, an image or a stored image's vector, with the search filters applied inside the vector
 * search: the images the filter admits are handed to the index, so k neighbours come back whenever k of them
 * have vectors.
 */
@Component
class VectorSearch {

    /** Deepest result a vector search pages to: further down, neighbours are no longer much alike. */
    static final int MAX_RESULTS = 1000;

    private final ImageEmbeddings embeddings;
    private final SearchFilters filters;
    private final DSLContext db;

    VectorSearch(ImageEmbeddings embeddings, SearchFilters filters, DSLContext db) {
        this.embeddings = embeddings;
        this.filters = filters;
        this.db = db;
    }

    List<VectorIndex.Hit> byText(String what, String text, SearchFilters.Filter filter, int k) {
        EmbeddingModel model = embeddings.ready(what);
        float[] query = call(() -> model.embedTexts(List.of(text)).getFirst());
        return nearest(query, filter, k, null);
    }

    List<VectorIndex.Hit> byImage(String what, byte[] jpeg, SearchFilters.Filter filter, int k) {
        EmbeddingModel model = embeddings.ready(what);
        float[] query = call(() -> model.embedImages(List.of(jpeg)).getFirst());
        return nearest(query, filter, k, null);
    }

    /** Neighbours of a stored image, itself left out; 503 when it has no vector yet. */
    List<VectorIndex.Hit> byImageId(UUID imageId, SearchFilters.Filter filter, int k) {
        String what = "by=embeddings";
        embeddings.ready(what);
        float[] query = embeddings.vector(imageId).orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                "Image " + imageId + " has no embedding yet: start the embeddings job (POST /api/v2/embeddings/jobs)"));
        return nearest(query, filter, k + 1, imageId).stream().limit(k).toList();
    }

    private List<VectorIndex.Hit> nearest(float[] query, SearchFilters.Filter filter, int k, @Nullable UUID leaveOut) {
        Set<UUID> allowed = null;
        if (filter.any()) {
            allowed = new HashSet<>(db.select(I_ID).from(IMAGES).where(filters.condition(filter)).fetch(I_ID));
        }
        return embeddings.nearest(query, Math.min(k, MAX_RESULTS + 1), allowed).stream()
                .filter(h -> !h.imageId().equals(leaveOut)).toList();
    }

    private static float[] call(java.util.function.Supplier<float[]> embedding) {
        try {
            return embedding.get();
        } catch (EmbeddingException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The embedding model failed: " + e.getMessage());
        }
    }
}
