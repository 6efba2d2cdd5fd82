package org.gallery.search;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.gallery.image.Image;

/** An image object with how many bits its perceptual hash differs from the image it was compared with. */
public record SimilarImage(@JsonUnwrapped Image image, int distance) {
}
