package org.gallery.migration.bootstrap;

import java.util.List;
import java.util.UUID;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.StepProgress;
import org.gallery.search.EmbeddingBackfill;

/** The embeddings step of {@code bootstrap --embeddings}: every image without an embedding of the configured model. */
final class EmbeddingsStep {

    private EmbeddingsStep() {
    }

    static BootstrapReport.Note run(MigrationServices services, StepProgress progress) {
        EmbeddingBackfill backfill = services.optionalBean(EmbeddingBackfill.class);
        if (backfill == null) {
            return new BootstrapReport.Note("failed", "the embedding service is not available");
        }
        if (backfill.unavailable().isPresent()) {
            return new BootstrapReport.Note("failed", backfill.unavailable().get());
        }
        try {
            List<UUID> ids = backfill.missing();
            progress.start("embeddings", ids.size(), "images");
            var r = backfill.run(ids, (done, failures) -> {
                failures.forEach(progress::note);
                progress.step(done);
            });
            String line = r.embedded() + " embedded with " + r.model() + ", " + r.failed() + " failed";
            progress.finish(line);
            return new BootstrapReport.Note(r.failed() == 0 ? "done" : "failed", line);
        } catch (RuntimeException e) {
            return new BootstrapReport.Note("failed", String.valueOf(e.getMessage()));
        }
    }

    static BootstrapReport.Note plan() {
        return new BootstrapReport.Note("would_run", "images without an embedding would be embedded");
    }
}
