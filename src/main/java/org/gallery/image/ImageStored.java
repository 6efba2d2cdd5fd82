package org.gallery.image;

import java.util.UUID;

/**
 * Published when an uploaded image's row is committed, before its upload is answered: listeners that do slower
 * work (embeddings) hand it to a thread of their own.
 */
public record ImageStored(UUID imageId) {
}
