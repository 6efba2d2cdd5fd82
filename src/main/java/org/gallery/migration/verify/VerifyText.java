package org.gallery.migration.verify;

import java.io.PrintWriter;

/** The readable report of {@code verify}. */
public final class VerifyText {

    private static final int MAX_PRINTED = 100;

    private VerifyText() {
    }

    public static void print(VerifyReport r, PrintWriter out) {
        out.println();
        out.println("Verify report (" + r.database() + ", images " + r.imagesFolder() + (r.deep() ? ", deep" : "") + ")");
        out.printf("  database:    %d photosets, %d images, %d tags, %d actors%n", r.photosets(), r.images(), r.tags(), r.actors());
        out.printf("  image files: %d checked, %d fine (%s)%n", r.filesChecked(), r.filesFine(),
                r.deep() ? "size and SHA-256 compared" : "presence and size; --deep also compares SHA-256");
        out.printf("  disk:        %d unknown files, %d files the import left out on purpose%n",
                r.problemCounts().getOrDefault(VerifyReport.Kind.UNKNOWN_FILE.key(), 0), r.filesNotRegistered());
        out.printf("  folders:     %d photosets, %d missing folders, %d folders without a photoset%n", r.photosetFolders(),
                r.problemCounts().getOrDefault(VerifyReport.Kind.MISSING_FOLDER.key(), 0),
                r.problemCounts().getOrDefault(VerifyReport.Kind.FOLDER_WITHOUT_PHOTOSET.key(), 0));
        var t = r.thumbnails();
        out.printf("  thumbnails:  %d of %d images have all sizes, %d some, %d none (small %d, medium %d, large %d)%n",
                t.complete(), r.images(), t.partial(), t.none(), t.small(), t.medium(), t.large());
        if (!r.ok()) {
            out.println("Problems (" + r.problemCount() + "):");
            r.problems().stream().limit(MAX_PRINTED).forEach(p ->
                    out.println("  " + p.kind().key().replace('_', ' ') + ": " + p.path() + (p.detail() == null ? "" : " - " + p.detail())));
            int more = r.problemCount() - Math.min(MAX_PRINTED, r.problems().size());
            if (more > 0) {
                out.println("  ... and " + more + " more" + (r.problemsNotListed() > 0 ? "" : " (--json lists them)"));
            }
        }
        out.println(r.ok() ? "Result: the database and the disk agree."
                : "Result: the database and the disk DISAGREE (" + r.problemCount() + " problems).");
    }
}
