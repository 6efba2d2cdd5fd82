package org.gallery.image;

import java.nio.file.Path;

/** The original file of an image, for serving. */
public record StoredImage(Path file, String mimeType, String sha256, long bytes, String fileName, long modifiedAt) {
}
