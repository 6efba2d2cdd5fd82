package org.gallery.migration.extract;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one {@code extract} run did with all archives: printed as a summary, or as JSON with {@code --json}. */
public record ExtractionSummary(
        String archivesFolder,
        String imagesFolder,
        int archivesProcessed,
        int archivesFailed,
        int imagesWritten,
        int imagesAlreadyPresent,
        Map<String, Integer> skipped,
        int entriesFailed,
        long bytesWritten,
        List<Failure> failed,
        List<ArchiveResult> archives) {

    /** A failed archive and why. */
    public record Failure(String archive, String reason) {
    }

    static ExtractionSummary of(String archivesFolder, String imagesFolder, List<ArchiveResult> archives) {
        Map<String, Integer> skipped = new TreeMap<>();
        archives.forEach(a -> a.skipped().forEach((k, v) -> skipped.merge(k, v, Integer::sum)));
        return new ExtractionSummary(
                archivesFolder,
                imagesFolder,
                archives.size(),
                (int) archives.stream().filter(ArchiveResult::failed).count(),
                archives.stream().mapToInt(ArchiveResult::imagesWritten).sum(),
                archives.stream().mapToInt(ArchiveResult::imagesAlreadyPresent).sum(),
                skipped,
                archives.stream().mapToInt(ArchiveResult::entriesFailed).sum(),
                archives.stream().mapToLong(ArchiveResult::bytesWritten).sum(),
                archives.stream().filter(ArchiveResult::failed)
                        .map(a -> new Failure(a.archive(), a.failure())).toList(),
                List.copyOf(archives));
    }

    /** Every archive was handled; warnings are allowed. Decides the exit code. */
    public boolean allHandled() {
        return archivesFailed == 0;
    }
}
