package org.gallery.crop;

/**
 * Body of {@code POST /images/{id}/crop}. Numbers are taken as sent so that 1.5 or "10" is refused rather than
 * silently truncated.
 */
record CropRequest(Object x, Object y, Object width, Object height, String aspectRatio) {
}
