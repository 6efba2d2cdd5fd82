/**
 * Embedding models: {@link org.gallery.search.embedding.EmbeddingModel} and its implementations, chosen by
 * {@code EMBEDDINGS} ({@code off}, {@code onnx}, {@code openai}) in {@code EmbeddingModelConfig}. Storage of the
 * vectors, the jobs and the search live in {@code org.gallery.search}.
 */
@NullMarked
package org.gallery.search.embedding;

import org.jspecify.annotations.NullMarked;
