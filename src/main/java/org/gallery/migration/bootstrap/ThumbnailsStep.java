package org.gallery.migration.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gallery.image.ImageQuery;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.StepProgress;
import org.gallery.migration.thumbnails.ThumbnailBatch;
import org.gallery.thumbnail.ThumbnailService;

/** The thumbnails step of {@code bootstrap}: what {@code gallery migrate thumbnails} does, for every image. */
final class ThumbnailsStep {

    private ThumbnailsStep() {
    }

    static BootstrapReport.Note run(MigrationServices services, int workers, StepProgress progress) {
        ThumbnailService thumbnails = services.optionalBean(ThumbnailService.class);
        if (thumbnails == null) {
            return new BootstrapReport.Note("failed", "the thumbnail service is not available");
        }
        List<UUID> ids = new ArrayList<>();
        services.images().ids(new ImageQuery(null, null, null, null, null, null, null, null, null, null, null, null))
                .forEachRemaining(ids::add);
        try {
            var s = ThumbnailBatch.run(thumbnails, ids, false, workers, 32, progress);
            String line = s.made() + " made, " + s.skipped() + " already there, " + s.failed() + " failed";
            return new BootstrapReport.Note(s.failed() == 0 ? "done" : "failed", line);
        } catch (Exception e) {
            return new BootstrapReport.Note("failed", String.valueOf(e.getMessage()));
        }
    }

    static BootstrapReport.Note plan() {
        return new BootstrapReport.Note("would_run", "missing thumbnails would be made for every image");
    }
}
