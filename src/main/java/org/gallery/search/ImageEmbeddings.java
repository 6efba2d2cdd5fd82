package org.gallery.search;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gallery.config.Settings;
import org.gallery.image.ImageDeleted;
import org.gallery.image.ImageStored;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.search.embedding.Embedder;
import org.gallery.search.embedding.EmbeddingModel;
import org.gallery.search.vector.VectorIndex;
import org.gallery.search.vector.VectorStoreUnavailableException;
import org.gallery.thumbnail.ThumbnailService;
import org.gallery.thumbnail.ThumbnailSize;
import org.gallery.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Image vectors of the configured model: made from each image's medium thumbnail, stored in the database, put into
 * the vector index. New uploads are embedded on a thread of their own after they are stored (a full queue leaves
 * them to the embeddings job); the index catches up with the database when the service starts.
 */
@Component
class ImageEmbeddings implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImageEmbeddings.class);
    private static final int UPLOAD_QUEUE = 1000;

    private final Optional<EmbeddingModel> model;
    private final EmbeddingStore store;
    private final VectorIndex index;
    private final ThumbnailService thumbnails;
    private final String vectorStore;
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(UPLOAD_QUEUE), Thread.ofPlatform().name("embeddings").daemon().factory());
    private volatile boolean synced;
    /** Writes the index missed: one during a catch-up leaves the index behind again. */
    private final AtomicInteger missedWrites = new AtomicInteger();

    ImageEmbeddings(Embedder embedder, EmbeddingStore store, VectorIndex index, ThumbnailService thumbnails,
            Settings settings) {
        this.model = embedder.model();
        this.store = store;
        this.index = index;
        this.thumbnails = thumbnails;
        this.vectorStore = settings.embeddings().vectorStore();
    }

    boolean enabled() {
        return model.isPresent();
    }

    /** The model, or a 503 naming the setting that switches embeddings on. */
    EmbeddingModel model(String what) {
        return model.orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, what + " needs image "
                + "embeddings, which are off: set EMBEDDINGS to onnx (with EMBEDDING_MODEL_DIR) or openai (with "
                + "EMBEDDING_BASE_URL and EMBEDDING_MODEL); mode=text works without them"));
    }

    /** The model, when at least one image has a vector of it; otherwise a 503 naming what fixes it. */
    EmbeddingModel ready(String what) {
        EmbeddingModel m = model(what);
        if (store.count(m.name()) == 0) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, what + " needs image embeddings, and no image has "
                    + "one from " + m.name() + " yet: start the embeddings job (POST /api/v2/embeddings/jobs)");
        }
        return m;
    }

    boolean hasVectors() {
        return model.isPresent() && store.count(model.get().name()) > 0;
    }

    /** Embeds one stored image and indexes it; false when the image was deleted meanwhile. */
    boolean embed(UUID imageId) {
        EmbeddingModel m = model("The embeddings job");
        byte[] jpeg;
        try {
            jpeg = thumbnails.bytes(imageId, ThumbnailSize.MEDIUM);
        } catch (java.io.UncheckedIOException e) {
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                    "The medium thumbnail cannot be read: " + e.getMessage());
        }
        float[] vector = m.embedImages(List.of(jpeg)).getFirst();
        if (!store.store(imageId, m.name(), vector)) {
            return false;
        }
        try {
            index.put(m.name(), imageId, vector);
        } catch (VectorStoreUnavailableException e) {
            // stored in the database all the same: the next search brings the index level with it first
            missedWrite();
            throw e;
        }
        return true;
    }

    Optional<float[]> vector(UUID imageId) {
        return model.flatMap(m -> store.vector(imageId, m.name()));
    }

    List<VectorIndex.Hit> nearest(float[] query, int k, @Nullable Collection<UUID> allowed) {
        EmbeddingModel m = model.orElseThrow();
        try {
            if (!synced) {
                syncIndex();
            }
            return index.search(m.name(), query, k, allowed);
        } catch (VectorStoreUnavailableException e) {
            log.warn("{}", e.getMessage());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The vector store (VECTOR_STORE=" + vectorStore
                    + ") cannot be reached right now; try again shortly").withHeader("Retry-After", "5");
        }
    }

    record Status(boolean enabled, @Nullable String model, @Nullable Integer dimension, String vectorStore,
            long embedded, long stale) {
    }

    Status status() {
        if (model.isEmpty()) {
            return new Status(false, null, null, vectorStore, 0, 0);
        }
        String name = model.get().name();
        long embedded = store.count(name);
        return new Status(true, name, store.dimension(name).orElse(null), vectorStore, embedded, store.stale(name));
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        if (model.isPresent()) {
            background.execute(() -> {
                try {
                    syncIndex();
                } catch (VectorStoreUnavailableException e) {
                    // the first search tries again
                    log.warn("The vector index could not catch up with the database: {}", e.getMessage());
                }
            });
        }
    }

    private synchronized void syncIndex() {
        if (!synced) {
            int missed = missedWrites.get();
            index.sync(model.orElseThrow().name(), store);
            synced = missedWrites.get() == missed;
        }
    }

    private void missedWrite() {
        missedWrites.incrementAndGet();
        synced = false;
    }

    @EventListener
    void on(ImageStored event) {
        if (model.isEmpty()) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    embed(event.imageId());
                } catch (RuntimeException e) {
                    // the embeddings job makes it later
                    log.warn("Image {} was stored without its embedding: {}", event.imageId(), e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Embedding queue full; image {} waits for the embeddings job", event.imageId());
        }
    }

    @EventListener
    void on(ImageDeleted event) {
        if (model.isPresent()) {
            try {
                index.remove(event.imageId());
            } catch (VectorStoreUnavailableException e) {
                // the image is gone from the database: the index forgets it when the next search brings it level
                missedWrite();
                log.warn("Image {} stays in the vector index for now: {}", event.imageId(), e.getMessage());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        background.shutdownNow();
        background.awaitTermination(10, TimeUnit.SECONDS);
    }
}
