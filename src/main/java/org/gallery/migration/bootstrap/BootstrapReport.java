package org.gallery.migration.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.gallery.migration.extract.ExtractionSummary;
import org.gallery.migration.importer.ImportSummary;
import org.gallery.migration.verify.VerifyReport;

/**
 * What {@code bootstrap} did, step by step (in a dry run: what it would do). A step that did not run has a
 * {@link Note} saying why, and no result.
 */
public record BootstrapReport(
        boolean dryRun,
        DatabaseStep database,
        Note extractNote,
        ExtractionSummary extract,
        Note importNote,
        @JsonProperty("import") ImportSummary importResult,
        Note thumbnails,
        Note embeddings,
        Note verifyNote,
        VerifyReport verify,
        boolean ok) {

    /**
     * @param status  {@code upgraded}, {@code current}, {@code would_create}, {@code would_upgrade} or {@code failed}
     * @param pending revisions applied (or, in a dry run, to apply)
     */
    public record DatabaseStep(String status, String database, String from, String to, List<String> pending,
            String detail) {
    }

    /** @param status {@code done}, {@code skipped}, {@code failed}, or in a dry run {@code would_run} or {@code would_fail} */
    public record Note(String status, String detail) {
    }
}
