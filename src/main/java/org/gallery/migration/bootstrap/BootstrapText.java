package org.gallery.migration.bootstrap;

import java.io.PrintWriter;
import org.gallery.migration.extract.ArchiveResult;
import org.gallery.migration.extract.ExtractionSummary;
import org.gallery.migration.importer.ImportSummary;
import org.gallery.migration.importer.ImportText;
import org.gallery.migration.verify.VerifyText;

/** The readable report of {@code bootstrap}: one line per step, then the import summary and the verify report. */
final class BootstrapText {

    private BootstrapText() {
    }

    static String line(BootstrapReport.DatabaseStep d) {
        return switch (d.status()) {
            case "current" -> "at revision " + d.from() + " (" + d.database() + ")";
            case "upgraded" -> "upgraded from " + (d.from() == null ? "an empty database" : d.from()) + " to " + d.to()
                    + " (" + d.database() + ")";
            case "would_create" -> "would be created at " + d.database() + " with revisions " + String.join(", ", d.pending());
            case "would_upgrade" -> "would be upgraded from " + (d.from() == null ? "an empty database" : d.from())
                    + " with " + String.join(", ", d.pending()) + " (" + d.database() + ")";
            default -> "FAILED: " + d.detail() + " (" + d.database() + ")";
        };
    }

    static String extractLine(ExtractionSummary s, boolean dryRun) {
        long unchanged = s.archives().stream().filter(a -> a.status() == ArchiveResult.Status.UNCHANGED).count();
        return String.format("%d archives (%d unchanged, %d failed), %d images %s, %d already present",
                s.archivesProcessed(), unchanged, s.archivesFailed(), s.imagesWritten(),
                dryRun ? "to write" : "written", s.imagesAlreadyPresent());
    }

    static String importLine(ImportSummary s) {
        return String.format("%d photosets (%d %s, %d %s, %d unchanged, %d failed), %d images %s",
                s.photosets().size() - s.emptyFoldersSkipped(), s.photosetsCreated(), s.dryRun() ? "to create" : "created",
                s.photosetsUpdated(), s.dryRun() ? "to update" : "updated", s.photosetsUnchanged(), s.photosetsFailed(),
                s.imagesRegistered(), s.dryRun() ? "to register" : "registered");
    }

    static void print(BootstrapReport r, PrintWriter out) {
        out.println();
        out.println(r.dryRun() ? "Bootstrap plan (dry run: nothing was changed)" : "Bootstrap report");
        out.println("  1. database:   " + line(r.database()));
        out.println("  2. extract:    " + note(r.extractNote()));
        out.println("  3. import:     " + note(r.importNote()));
        out.println("  4. thumbnails: " + note(r.thumbnails()));
        if (r.embeddings() != null) {
            out.println("     embeddings: " + note(r.embeddings()));
        }
        out.println("  5. verify:     " + note(r.verifyNote()));
        if (r.importResult() != null) {
            ImportText.print(r.importResult(), out);
        }
        if (r.verify() != null) {
            VerifyText.print(r.verify(), out);
        }
        out.println();
        out.println(r.ok() ? (r.dryRun() ? "Nothing in the plan would fail." : "Bootstrap finished.")
                : (r.dryRun() ? "Some of the plan would fail (see above)." : "Bootstrap finished with failures (see above)."));
    }

    private static String note(BootstrapReport.Note n) {
        if (n == null) {
            return "-";
        }
        String status = switch (n.status()) {
            case "would_run" -> "would run";
            case "would_fail" -> "WOULD FAIL";
            case "failed" -> "FAILED";
            default -> n.status();
        };
        return n.detail() == null ? status : status + " - " + n.detail();
    }
}
