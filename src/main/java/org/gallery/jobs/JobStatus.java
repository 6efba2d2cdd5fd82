package org.gallery.jobs;

import java.util.Set;

/** The states of a job. Queued and running jobs are active; the others are final until a retry. */
public final class JobStatus {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    public static final Set<String> ALL = Set.of(QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED);

    private JobStatus() {
    }

    public static boolean active(String status) {
        return QUEUED.equals(status) || RUNNING.equals(status);
    }
}
