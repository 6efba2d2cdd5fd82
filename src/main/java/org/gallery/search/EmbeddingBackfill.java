package org.gallery.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.gallery.search.embedding.Embedder;
import org.gallery.search.embedding.EmbeddingException;
import org.gallery.search.embedding.EmbeddingModel;
import org.gallery.search.vector.VectorIndex;
import org.gallery.thumbnail.ThumbnailService;
import org.gallery.thumbnail.ThumbnailSize;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Embeds every image without a vector of the configured model, many per model run: what
 * {@code gallery migrate bootstrap --embeddings} does after an import, without the job queue.
 */
@Component
public class EmbeddingBackfill {

    /** {@code modelNanos}: time inside the model's calls; the rest went to reading thumbnails and storing. */
    public record Result(String model, int embedded, int failed, long totalNanos, long modelNanos) {
    }

    static final int BATCH = 32;

    private final Optional<EmbeddingModel> model;
    private final EmbeddingStore store;
    private final VectorIndex index;
    private final ThumbnailService thumbnails;

    EmbeddingBackfill(Embedder embedder, EmbeddingStore store, VectorIndex index, ThumbnailService thumbnails) {
        this.model = embedder.model();
        this.store = store;
        this.index = index;
        this.thumbnails = thumbnails;
    }

    /** Why nothing can be embedded here, if so: the setting that is off. */
    public Optional<String> unavailable() {
        return model.isPresent() ? Optional.empty()
                : Optional.of("EMBEDDINGS is off (set it to onnx or openai to make embeddings)");
    }

    /** The images without a vector of the configured model, oldest first. */
    public List<UUID> missing() {
        return store.missing(model.orElseThrow().name(), DSL.trueCondition());
    }

    /** Embeds {@code ids}; {@code onBatch} hears how many were handled and a failure message per failed image. */
    public Result run(List<UUID> ids, BiConsumer<Integer, List<String>> onBatch) {
        EmbeddingModel m = model.orElseThrow();
        long start = System.nanoTime();
        long inModel = 0;
        int embedded = 0;
        int failed = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<UUID> read = new ArrayList<>();
            List<byte[]> jpegs = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (UUID id : batch) {
                try {
                    jpegs.add(thumbnails.bytes(id, ThumbnailSize.MEDIUM));
                    read.add(id);
                } catch (RuntimeException e) {
                    failures.add("image " + id + ": " + e.getMessage());
                }
            }
            try {
                long t = System.nanoTime();
                List<float[]> vectors = m.embedImages(jpegs);
                inModel += System.nanoTime() - t;
                for (int i = 0; i < read.size(); i++) {
                    if (store.store(read.get(i), m.name(), vectors.get(i))) {
                        index.put(m.name(), read.get(i), vectors.get(i));
                        embedded++;
                    }
                }
            } catch (EmbeddingException e) {
                read.forEach(id -> failures.add("image " + id + ": " + e.getMessage()));
            }
            failed += failures.size();
            onBatch.accept(batch.size(), failures);
        }
        return new Result(m.name(), embedded, failed, System.nanoTime() - start, inModel);
    }
}
