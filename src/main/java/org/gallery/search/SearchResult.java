package org.gallery.search;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.gallery.image.Image;

/** An image object with its relevance: higher is better, comparable within one result list only. */
public record SearchResult(@JsonUnwrapped Image image, double score) {
}
