package org.gallery.migration.importer;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * What one {@code import} run did (or, in a dry run, would do): printed as a summary, or as JSON with
 * {@code --json}.
 */
public record ImportSummary(
        String metadataFolder,
        String imagesFolder,
        boolean dryRun,
        int photosetsCreated,
        int photosetsUpdated,
        int photosetsUnchanged,
        int photosetsFailed,
        int emptyFoldersSkipped,
        int imagesRegistered,
        int imagesAlreadyRegistered,
        int filesRejected,
        int metadataFiles,
        int metadataMalformed,
        int metadataWithoutFolder,
        double seconds,
        List<String> warnings,
        List<Failure> failures,
        List<UnitResult> photosets) {

    public record Failure(String item, String reason) {
    }

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, FAILED,
        /** An empty folder without metadata (an archive that gave no image): no photoset is made of it. */
        SKIPPED;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One photoset folder.
     *
     * @param imagesRegistered new images (in a dry run: files that would be registered, including those extract
     *                         would add first)
     */
    public record UnitResult(String folder, String name, String metadataFile, Outcome outcome, int imagesRegistered,
            int imagesAlreadyRegistered, int filesRejected, List<String> warnings, String failure) {
    }

    /** Every photoset and metadata file was handled; warnings are allowed. Decides the exit code. */
    public boolean allHandled() {
        return failures.isEmpty();
    }

    public double imagesPerSecond() {
        return seconds <= 0 ? 0 : imagesRegistered / seconds;
    }
}
