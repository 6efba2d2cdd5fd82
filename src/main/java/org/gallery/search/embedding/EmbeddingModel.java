package org.gallery.search.embedding;

import java.util.List;

/**
 * A model that puts images and texts into one vector space (CLIP, SigLIP): an image and a text that describe the
 * same thing come out close. One implementation runs per process, chosen by {@code EMBEDDINGS}.
 *
 * <p>Vectors come back L2-normalised, so their dot product is their cosine similarity.
 */
public interface EmbeddingModel extends AutoCloseable {

    /**
     * Stored with every vector: vectors of different names are never compared, and a changed name makes the stored
     * ones stale. Includes the backend ({@code openai:clip-vit-b-32}, {@code onnx:clip-vit-b-32}).
     */
    String name();

    /** Length of every vector. */
    int dimension();

    /**
     * One vector per image, in order. Each image is an upright JPEG (a thumbnail); the model resizes it as it needs.
     *
     * @throws EmbeddingException when the model cannot embed them
     */
    List<float[]> embedImages(List<byte[]> jpegs);

    /** One vector per text, in order. */
    List<float[]> embedTexts(List<String> texts);

    @Override
    default void close() {
    }
}
