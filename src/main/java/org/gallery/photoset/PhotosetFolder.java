package org.gallery.photoset;

import java.util.UUID;

/** What the image feature needs to know of a photoset: where its files go. */
public record PhotosetFolder(UUID id, String folder) {
}
