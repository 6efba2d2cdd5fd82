package org.gallery.thumbnail;

import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.gallery.image.ImageQuery;
import org.gallery.image.ImageService;
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

/** Batch thumbnails as a background job: a photoset's images, chosen images or all of them. */
@Component
class ThumbnailJobs implements JobHandler {

    static final String TYPE = "thumbnails";

    private final ThumbnailService thumbnails;
    private final ImageService images;
    private final JobSelections selections;
    private final Jobs jobs;
    private final JsonMapper json;

    ThumbnailJobs(ThumbnailService thumbnails, ImageService images, JobSelections selections, @Lazy Jobs jobs,
            JsonMapper json) {
        this.thumbnails = thumbnails;
        this.images = images;
        this.selections = selections;
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    Job submit(UUID photosetId, List<UUID> imageIds, boolean force) {
        ObjectNode params = json.createObjectNode();
        params.put("force", force);
        Iterator<PlannedItem> items;
        if (photosetId != null && imageIds != null) {
            throw ApiException.badRequest("Give photoset_id or image_ids, not both (neither: every image)");
        }
        if (imageIds != null) {
            if (imageIds.isEmpty()) {
                throw ApiException.invalidField("image_ids", "must name at least one image");
            }
            params.put("selection", "images");
            items = PlannedItem.each(selections.knownImages(imageIds).iterator());
        } else {
            if (photosetId != null) {
                selections.requirePhotoset(photosetId);
                params.put("selection", "photoset");
                params.put("photoset_id", photosetId.toString());
            } else {
                params.put("selection", "all");
            }
            items = PlannedItem.each(images.ids(
                    new ImageQuery(photosetId, null, null, null, null, null, null, null, null, null, null, null)));
        }
        if (!items.hasNext()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "The selection holds no images");
        }
        return jobs.submit(TYPE, params, items);
    }

    @Override
    public JobRun open(JobContext context) {
        boolean force = context.params().path("force").asBoolean(false);
        return new JobRun() {
            @Override
            public ItemOutcome process(JobItem item) {
                thumbnails.generate(item.itemId(), force);
                return ItemOutcome.done();
            }

            @Override
            public JsonNode finish() {
                return null;
            }
        };
    }

    /** Each image is decoded on its own: a large job keeps every job worker of the instance busy. */
    @Override
    public boolean independentItems() {
        return true;
    }

    @Override
    public int batchSize() {
        return 64;
    }
}
