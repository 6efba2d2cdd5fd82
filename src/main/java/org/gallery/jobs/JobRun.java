package org.gallery.jobs;

import java.io.IOException;
import tools.jackson.databind.JsonNode;

/** One run of a job on one worker, from {@link JobHandler#open} to {@link #close()}. */
public interface JobRun extends AutoCloseable {

    /**
     * Works on one item. An item that cannot be done is a {@link ItemOutcome#failed} outcome; an exception fails
     * the whole job (it can be retried).
     */
    ItemOutcome process(JobItem item) throws IOException;

    /** Makes the outputs of the items processed so far durable and says how far they reach; null when unused. */
    default String checkpoint() throws IOException {
        return null;
    }

    /** Every item is done or failed: completes the outputs and returns the job's result (may be null). */
    JsonNode finish() throws IOException;

    @Override
    default void close() throws IOException {
    }
}
