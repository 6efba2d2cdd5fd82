package org.gallery.jobs;

import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** What a handler knows of the job it runs. */
public interface JobContext {

    UUID jobId();

    JsonNode params();

    /** The checkpoint committed with the last batch, or null on a first start. */
    String checkpoint();

    /** Every item done so far, in planned order, with the result recorded for it. */
    void forEachDone(Consumer<JobItem> action);
}
