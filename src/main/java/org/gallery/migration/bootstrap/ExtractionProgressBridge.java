package org.gallery.migration.bootstrap;

import org.gallery.migration.StepProgress;
import org.gallery.migration.extract.ArchiveResult;
import org.gallery.migration.extract.ExtractionProgress;

/** Shows the extract step's progress on bootstrap's own progress output: one step per archive, warnings as notes. */
final class ExtractionProgressBridge implements ExtractionProgress {

    private final StepProgress progress;
    private final String task;
    private boolean started;
    private int written;

    ExtractionProgressBridge(StepProgress progress, String task) {
        this.progress = progress;
        this.task = task;
    }

    @Override
    public void archiveStarted(String archive, int position, int archiveCount) {
        if (!started) {
            started = true;
            progress.start(task, archiveCount, "archives");
        }
    }

    /** Whether any archive was seen (the phase was started). */
    boolean started() {
        return started;
    }

    @Override
    public void warning(String archive, String message) {
        progress.note("warning: " + archive + ": " + message);
    }

    @Override
    public void archiveFinished(ArchiveResult result) {
        written += result.imagesWritten();
        if (result.failed()) {
            progress.note("FAILED: " + result.archive() + ": " + result.failure());
        }
        progress.step(1);
        progress.status(written + " images");
    }
}
