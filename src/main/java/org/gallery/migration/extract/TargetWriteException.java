package org.gallery.migration.extract;

import java.io.IOException;

/**
 * Writing into the photoset folder failed (disk full, permissions). Kept apart from read errors so that a full disk
 * stops the archive instead of being reported as a damaged entry.
 */
final class TargetWriteException extends IOException {

    TargetWriteException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    TargetWriteException(String message) {
        super(message);
    }
}
