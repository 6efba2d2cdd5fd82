package org.gallery.migration.importer;

import java.io.PrintWriter;

/** The human-readable summary printed at the end of an import (or of its dry run). */
public final class ImportText {

    private static final int MAX_LISTED = 50;

    private ImportText() {
    }

    public static void print(ImportSummary s, PrintWriter out) {
        out.println();
        out.println((s.dryRun() ? "Import plan (dry run, nothing changed)" : "Import summary")
                + " (metadata " + s.metadataFolder() + ", images " + s.imagesFolder() + ")");
        out.printf("  photosets:  %d %s, %d %s, %d unchanged, %d failed%s%n",
                s.photosetsCreated(), s.dryRun() ? "to create" : "created",
                s.photosetsUpdated(), s.dryRun() ? "to update" : "updated",
                s.photosetsUnchanged(), s.photosetsFailed(),
                s.emptyFoldersSkipped() > 0 ? " (" + s.emptyFoldersSkipped() + " empty folders left alone)" : "");
        out.printf("  images:     %d %s, %d already registered, %d files not registered%n",
                s.imagesRegistered(), s.dryRun() ? "to register" : "registered", s.imagesAlreadyRegistered(), s.filesRejected());
        out.printf("  metadata:   %d files, %d malformed, %d without a folder%n",
                s.metadataFiles(), s.metadataMalformed(), s.metadataWithoutFolder());
        if (!s.dryRun()) {
            out.printf("  time:       %.1f s (%.0f images/s)%n", s.seconds(), s.imagesPerSecond());
        }
        if (!s.warnings().isEmpty()) {
            out.println("Warnings (" + s.warnings().size() + "):");
            s.warnings().stream().limit(MAX_LISTED).forEach(w -> out.println("  " + w));
            if (s.warnings().size() > MAX_LISTED) {
                out.println("  ... and " + (s.warnings().size() - MAX_LISTED) + " more (--json lists them all)");
            }
        }
        if (!s.failures().isEmpty()) {
            out.println("Failed (" + s.failures().size() + "):");
            s.failures().forEach(f -> out.println("  " + f.item() + ": " + f.reason()));
        }
    }
}
