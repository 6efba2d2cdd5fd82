package org.gallery.migration.verify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code verify} found: counts, coverage and every disagreement between the database and the disk. */
public record VerifyReport(
        String database,
        String imagesFolder,
        boolean deep,
        long photosets,
        long images,
        long tags,
        long actors,
        long filesChecked,
        long filesFine,
        long filesNotRegistered,
        int photosetFolders,
        Thumbnails thumbnails,
        Map<String, Integer> problemCounts,
        List<Problem> problems,
        int problemsNotListed,
        double seconds) {

    public enum Kind {
        /** An image row whose file is not there. */
        MISSING_FILE,
        /** The file's size is not the one recorded. */
        SIZE_MISMATCH,
        /** The file's SHA-256 is not the one recorded ({@code --deep}). */
        CONTENT_MISMATCH,
        /** A file under IMAGES_DIR that no image row (and no import record) knows. */
        UNKNOWN_FILE,
        /** A photoset with images whose folder is not there. */
        MISSING_FOLDER,
        /** A folder under IMAGES_DIR that belongs to no photoset. */
        FOLDER_WITHOUT_PHOTOSET,
        /** A photoset whose image count is not the number of its images. */
        COUNT_MISMATCH,
        /** A folder the import step could not import. */
        FAILED_IMPORT;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Problem(Kind kind, String path, String detail) {
    }

    /**
     * Thumbnail files found under {@code THUMBNAILS_DIR/{image id}/}: images with all three sizes, with some, with
     * none, and each size's count.
     */
    public record Thumbnails(String folder, long complete, long partial, long none, long small, long medium, long large) {
    }

    /** The database and the disk agree. Decides the exit code. */
    public boolean ok() {
        return problemCounts.isEmpty();
    }

    public int problemCount() {
        return problemCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
