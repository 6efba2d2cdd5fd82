package org.gallery.search.embedding;

import java.util.Optional;

/** The configured embedding model, if {@code EMBEDDINGS} is not {@code off}; closed with the application. */
public final class Embedder implements AutoCloseable {

    private final Optional<EmbeddingModel> model;

    public Embedder(Optional<EmbeddingModel> model) {
        this.model = model;
    }

    public Optional<EmbeddingModel> model() {
        return model;
    }

    @Override
    public void close() {
        model.ifPresent(EmbeddingModel::close);
    }
}
