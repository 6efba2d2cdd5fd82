package org.gallery.migration.extract;

import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable summary printed at the end of a run. */
final class SummaryText {

    private SummaryText() {
    }

    static void print(ExtractionSummary summary, PrintWriter out) {
        out.println();
        out.println("Extraction summary (" + summary.archivesFolder() + " -> " + summary.imagesFolder() + ")");
        out.printf("  archives:        %d processed, %d failed%n", summary.archivesProcessed(), summary.archivesFailed());
        out.printf("  images written:  %d (%s)%n", summary.imagesWritten(), bytes(summary.bytesWritten()));
        out.printf("  already present: %d%n", summary.imagesAlreadyPresent());
        out.printf("  skipped:         %s%n", skipped(summary.skipped()));
        if (summary.entriesFailed() > 0) {
            out.printf("  damaged entries: %d%n", summary.entriesFailed());
        }
        if (!summary.failed().isEmpty()) {
            out.println("Failed archives:");
            summary.failed().forEach(f -> out.println("  " + f.archive() + ": " + f.reason()));
        }
        if (summary.archivesProcessed() == 0) {
            out.println("No .zip or .rar archives found.");
        }
    }

    /** One archive's outcome on one line, for progress output. */
    static String oneLine(ArchiveResult result) {
        String counts = result.imagesWritten() + " new images, " + result.imagesAlreadyPresent()
                + " already present, skipped: " + skipped(result.skipped());
        return switch (result.status()) {
            case EXTRACTED -> "done -> " + result.photoset() + "/ (" + counts + ")";
            case UNCHANGED -> "unchanged since the last run (" + counts + ")";
            case FAILED -> "FAILED: " + result.failure() + " (" + counts + ")";
        };
    }

    private static String skipped(Map<String, Integer> skipped) {
        if (skipped.isEmpty()) {
            return "none";
        }
        return skipped.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String bytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
