package org.gallery.migration.extract;

import java.io.IOException;

/** The archive as a whole cannot be read (or stops being readable part way); the message says why, for a person. */
class UnreadableArchiveException extends IOException {

    UnreadableArchiveException(String message) {
        super(message);
    }

    UnreadableArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
