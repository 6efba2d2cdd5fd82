package org.gallery.migration.extract;

import java.io.IOException;

/** Decompression produced more than a limit allows; thrown while the bytes are produced, so reading stops early. */
final class LimitExceededException extends IOException {

    /** Whether only the current entry is given up, or the whole archive. */
    enum Scope { ENTRY, ARCHIVE }

    private final Scope scope;

    LimitExceededException(Scope scope, String message) {
        super(message);
        this.scope = scope;
    }

    Scope scope() {
        return scope;
    }
}
