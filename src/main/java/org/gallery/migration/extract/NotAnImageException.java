package org.gallery.migration.extract;

import java.io.IOException;

/** Thrown as soon as an entry's first bytes show it is not an image, so the rest is never decompressed. */
final class NotAnImageException extends IOException {

    NotAnImageException() {
        super("not an image");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // control flow for every non-image entry: a stack trace would only cost time
        return this;
    }
}
