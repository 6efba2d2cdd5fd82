package org.gallery.search;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.gallery.image.Image;
import org.jspecify.annotations.Nullable;

/**
 * An image object and how close it is to the image it was compared with: {@code distance} in bits of the perceptual
 * hash (by pixels), or {@code score}, the cosine similarity of the embeddings (by embeddings); the other is null.
 */
public record SimilarImage(@JsonUnwrapped Image image, @Nullable Integer distance, @Nullable Double score) {

    public SimilarImage(Image image, int distance) {
        this(image, distance, null);
    }
}
