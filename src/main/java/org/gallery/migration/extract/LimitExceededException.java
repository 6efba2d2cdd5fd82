package org.gallery.migration.extract;

import java.io.IOException;
import org.gallery.config.Settings.ArchiveLimits;

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

    static LimitExceededException tooManyEntries(ArchiveLimits limits) {
        return new LimitExceededException(Scope.ARCHIVE,
                "more than ARCHIVE_MAX_ENTRIES (" + limits.maxEntries() + ") entries; not extracted further");
    }
}
