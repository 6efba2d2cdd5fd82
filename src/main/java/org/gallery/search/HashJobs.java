package org.gallery.search;

import java.util.List;
import java.util.UUID;
import org.gallery.jobs.ItemOutcome;
import org.gallery.jobs.Job;
import org.gallery.jobs.JobContext;
import org.gallery.jobs.JobHandler;
import org.gallery.jobs.JobItem;
import org.gallery.jobs.JobRun;
import org.gallery.jobs.Jobs;
import org.gallery.jobs.PlannedItem;
import org.gallery.image.JobSelections;
import org.gallery.web.ApiException;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The backfill: perceptual hashes for images stored before hashes were made (or whose hashing failed). */
@Component
class HashJobs implements JobHandler {

    static final String TYPE = "pixel_hashes";

    private final PixelHashes hashes;
    private final HashBackfill backfill;
    private final JobSelections selections;
    private final Jobs jobs;
    private final JsonMapper json;

    HashJobs(PixelHashes hashes, HashBackfill backfill, JobSelections selections, @Lazy Jobs jobs, JsonMapper json) {
        this.hashes = hashes;
        this.backfill = backfill;
        this.selections = selections;
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    Job submit(UUID photosetId) {
        if (photosetId != null) {
            selections.requirePhotoset(photosetId);
        }
        List<UUID> missing = hashes.missing(photosetId);
        if (missing.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Every image of the selection already has a hash");
        }
        ObjectNode params = json.createObjectNode();
        params.put("photoset_id", photosetId == null ? null : photosetId.toString());
        return jobs.submit(TYPE, params, PlannedItem.each(missing.iterator()));
    }

    @Override
    public JobRun open(JobContext context) {
        return new JobRun() {
            @Override
            public ItemOutcome process(JobItem item) {
                backfill.hash(item.itemId());
                return ItemOutcome.done();
            }

            @Override
            public JsonNode finish() {
                return null;
            }
        };
    }
}
