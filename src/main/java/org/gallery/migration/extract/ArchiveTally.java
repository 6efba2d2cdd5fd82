package org.gallery.migration.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gallery.migration.extract.ExtractManifest.EntryRecord;

/** Counts one archive's outcomes while it is read; frozen into an {@link ArchiveResult} at the end. */
final class ArchiveTally {

    private final String archive;
    private final String photoset;
    private final ExtractionProgress progress;
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int imagesWritten;
    private int imagesAlreadyPresent;
    private int entriesFailed;
    private long bytesWritten;
    private String failure;

    ArchiveTally(String archive, String photoset, ExtractionProgress progress) {
        this.archive = archive;
        this.photoset = photoset;
        this.progress = progress;
    }

    void written(long bytes) {
        imagesWritten++;
        bytesWritten += bytes;
    }

    void alreadyPresent() {
        imagesAlreadyPresent++;
    }

    void skipped(SkipReason reason, String entryName, String detail) {
        skipped.merge(reason.key(), 1, Integer::sum);
        if (reason.warns() && detail != null) {
            warn(entryName + ": skipped, " + detail);
        }
    }

    void entryFailed(String entryName, String detail) {
        entriesFailed++;
        warn(entryName + ": damaged, not extracted (" + detail + ")");
    }

    void warn(String message) {
        warnings.add(message);
        progress.warning(archive, message);
    }

    void fail(String reason) {
        failure = failure == null ? reason : failure + "; " + reason;
    }

    ArchiveResult result(ArchiveResult.Status statusWhenNotFailed, long bytesDecompressed) {
        if (failure == null && entriesFailed > 0) {
            failure = entriesFailed + " damaged entr" + (entriesFailed == 1 ? "y" : "ies") + " not extracted";
        }
        var status = failure != null ? ArchiveResult.Status.FAILED : statusWhenNotFailed;
        return new ArchiveResult(archive, photoset, status, imagesWritten, imagesAlreadyPresent, Collections.unmodifiableSortedMap(new TreeMap<>(skipped)),
                entriesFailed, bytesWritten, bytesDecompressed, List.copyOf(warnings), failure);
    }

    /** Counts an entry an earlier run finished: an image already in place, or the reason it was skipped. */
    void countFinished(EntryRecord entry) {
        if (EntryRecord.IMAGE.equals(entry.outcome())) {
            alreadyPresent();
            return;
        }
        SkipReason reason = SkipReason.fromKey(entry.outcome());
        if (reason != null) {
            skipped(reason, entry.name(), null);
        }
    }
}
