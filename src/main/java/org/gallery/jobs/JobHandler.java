package org.gallery.jobs;

import java.io.IOException;
import java.util.UUID;

/**
 * One kind of job. A feature implements it as a bean; the job system calls it on a worker thread.
 *
 * <p>The worker hands the run its pending items one at a time and commits their outcomes in batches, together
 * with the run's {@link JobRun#checkpoint()}, in one transaction. After a crash the job is picked up again,
 * {@link #open} gets the last committed checkpoint and only the items not yet committed come again: a run must
 * bring its outputs back to that checkpoint (or accept an item twice) before going on.
 */
public interface JobHandler {

    /** The job type, as stored and shown: {@code thumbnails}, {@code export}. */
    String type();

    /** Starts or resumes a run. */
    JobRun open(JobContext context) throws IOException;

    /** Removes what the job made: it was cancelled or deleted. Called from any instance, maybe more than once. */
    default void discard(UUID jobId) {
    }

    /**
     * True when items share nothing but the database, so that a batch's items may be worked on side by side by the
     * instance's item threads; {@link JobRun#process} is then called from several threads at once.
     */
    default boolean independentItems() {
        return false;
    }

    /** Most items per committed batch (a batch also ends after about a second). */
    default int batchSize() {
        return 32;
    }
}
