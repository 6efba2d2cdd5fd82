package org.gallery.migration.extract;

/** Hears how an extraction run goes, to show progress. Called from the extracting thread. */
public interface ExtractionProgress {

    ExtractionProgress NONE = new ExtractionProgress() {
    };

    /** @param position 1-based */
    default void archiveStarted(String archive, int position, int archiveCount) {
    }

    /** The archive's entry count, once the reader knows it (not all readers know it up front). */
    default void entriesKnown(int entryCount) {
    }

    /** Once per entry read, whatever became of it. */
    default void entryVisited() {
    }

    default void warning(String archive, String message) {
    }

    default void archiveFinished(ArchiveResult result) {
    }
}
