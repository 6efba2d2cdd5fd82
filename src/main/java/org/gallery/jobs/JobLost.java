package org.gallery.jobs;

/** The job is no longer this worker's: cancelled, deleted, or taken over after a missed lease. */
final class JobLost extends RuntimeException {
    JobLost() {
        super(null, null, false, false);
    }
}
