package org.gallery.image;

import org.gallery.storage.FileStore;

/** The original file of an image, for serving; {@code key} names it in the {@link FileStore}. */
public record StoredImage(FileStore.Key key, String mimeType, String sha256, long bytes, String fileName, long modifiedAt) {
}
