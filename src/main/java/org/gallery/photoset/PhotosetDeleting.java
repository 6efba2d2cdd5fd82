package org.gallery.photoset;

import java.util.UUID;

/** Published inside the deleting transaction, so the owners of a photoset's contents remove them with it. */
public record PhotosetDeleting(UUID photosetId, String folder) {
}
