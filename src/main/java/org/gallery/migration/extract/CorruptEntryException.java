package org.gallery.migration.extract;

import java.io.IOException;

/** One entry's data is damaged (checksum or size mismatch, truncated, undecodable); the rest may still be fine. */
final class CorruptEntryException extends IOException {

    CorruptEntryException(String message) {
        super(message);
    }

    CorruptEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
