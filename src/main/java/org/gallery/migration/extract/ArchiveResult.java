package org.gallery.migration.extract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run did with one archive.
 *
 * @param photoset            the folder name under IMAGES_DIR
 * @param imagesWritten       new files written by this run
 * @param imagesAlreadyPresent images a previous (possibly interrupted) run had already extracted
 * @param skipped             entries that did not become files of their own, by {@link SkipReason#key()}
 * @param entriesFailed       entries whose data was damaged; nothing of them was kept
 * @param bytesDecompressed   bytes this run decompressed, counted against the limits
 * @param failure             why the archive could not be handled completely, or null
 */
public record ArchiveResult(
        String archive,
        String photoset,
        Status status,
        int imagesWritten,
        int imagesAlreadyPresent,
        Map<String, Integer> skipped,
        int entriesFailed,
        long bytesWritten,
        long bytesDecompressed,
        List<String> warnings,
        String failure) {

    public enum Status {
        /** Every entry was handled (warnings are possible). */
        EXTRACTED,
        /** Finished by an earlier run and unchanged since: not even opened. */
        UNCHANGED,
        /** Unreadable, over a limit, or with damaged entries; what verified was still extracted. */
        FAILED;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
