package org.gallery.migration.extract;

import java.util.function.LongSupplier;
import org.gallery.config.Settings.ArchiveLimits;

/**
 * Counts the decompressed bytes of one archive against the limits while they are produced. Sizes declared in
 * archive headers are never trusted: a bomb that lies about its size is stopped after the limit, not after the lie.
 */
final class ByteBudget {

    /** Small entries may compress extremely well (a blank bitmap); the ratio is only judged past this size. */
    static final long RATIO_GRACE_BYTES = 1024 * 1024;

    private static final long MIB = 1024 * 1024;

    private final ArchiveLimits limits;
    private long total;

    ByteBudget(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** Decompressed bytes counted so far for the archive. */
    long total() {
        return total;
    }

    Entry forEntry(LongSupplier compressedBytesRead) {
        return new Entry(compressedBytesRead);
    }

    final class Entry {
        private final LongSupplier compressedBytesRead;
        private long bytes;

        private Entry(LongSupplier compressedBytesRead) {
            this.compressedBytesRead = compressedBytesRead;
        }

        long bytes() {
            return bytes;
        }

        void add(int count) throws LimitExceededException {
            bytes += count;
            total += count;
            if (bytes > limits.maxEntryBytes()) {
                throw new LimitExceededException(LimitExceededException.Scope.ENTRY,
                        "larger than ARCHIVE_MAX_ENTRY_MB (" + limits.maxEntryBytes() / MIB + " MiB); stopped reading it");
            }
            if (total > limits.maxArchiveBytes()) {
                throw new LimitExceededException(LimitExceededException.Scope.ARCHIVE,
                        "archive unpacks to more than ARCHIVE_MAX_TOTAL_MB (" + limits.maxArchiveBytes() / MIB
                                + " MiB); stopped reading it");
            }
            if (bytes > RATIO_GRACE_BYTES) {
                long compressed = compressedBytesRead.getAsLong();
                if (compressed > 0 && bytes / compressed > limits.maxCompressionRatio()) {
                    throw new LimitExceededException(LimitExceededException.Scope.ENTRY,
                            "compression ratio above ARCHIVE_MAX_RATIO (" + limits.maxCompressionRatio()
                                    + ":1), a likely decompression bomb; stopped reading it");
                }
            }
        }
    }
}
