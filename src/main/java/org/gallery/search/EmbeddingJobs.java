package org.gallery.search;

import static org.gallery.search.SearchTables.I_ID;

import java.util.List;
import java.util.UUID;
import org.gallery.image.JobSelections;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.jobs.ItemOutcome;
import org.gallery.jobs.Job;
import org.gallery.jobs.JobContext;
import org.gallery.jobs.JobHandler;
import org.gallery.jobs.JobItem;
import org.gallery.jobs.JobRun;
import org.gallery.jobs.Jobs;
import org.gallery.jobs.PlannedItem;
import org.gallery.search.embedding.EmbeddingException;
import org.gallery.web.ApiException;
import org.jooq.Condition;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeds images in the background: the whole library, a photoset, chosen images or a filter. Only images without
 * a vector of the configured model are planned (those of an earlier model are stale and done again) unless
 * {@code force}. Cancelling keeps the vectors already made: they are valid, and a new job skips them.
 */
@Component
class EmbeddingJobs implements JobHandler {

    static final String TYPE = "embeddings";

    record Filter(@Nullable List<String> tags, @Nullable Boolean hasCaption) {
    }

    record EmbeddingJobRequest(@Nullable UUID photosetId, @Nullable List<UUID> imageIds, @Nullable Filter filter,
            @Nullable Boolean force) {
    }

    private final ImageEmbeddings embeddings;
    private final EmbeddingStore store;
    private final SearchFilters filters;
    private final JobSelections selections;
    private final Jobs jobs;
    private final JsonMapper json;

    EmbeddingJobs(ImageEmbeddings embeddings, EmbeddingStore store, SearchFilters filters, JobSelections selections,
            @Lazy Jobs jobs, JsonMapper json) {
        this.embeddings = embeddings;
        this.store = store;
        this.filters = filters;
        this.selections = selections;
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    Job submit(@Nullable EmbeddingJobRequest request) {
        var r = request == null ? new EmbeddingJobRequest(null, null, null, null) : request;
        String model = embeddings.model("The embeddings job").name();
        int given = (r.photosetId() != null ? 1 : 0) + (r.imageIds() != null ? 1 : 0) + (r.filter() != null ? 1 : 0);
        if (given > 1) {
            throw ApiException.badRequest("Give at most one selection: photoset_id, image_ids or filter (none: all images)");
        }
        Condition selection;
        if (r.imageIds() != null) {
            selection = I_ID.in(selections.knownImages(r.imageIds()));
        } else if (r.photosetId() != null) {
            this.selections.requirePhotoset(r.photosetId());
            selection = filters.condition(filters.of(r.photosetId(), null, null));
        } else if (r.filter() != null) {
            selection = filters.condition(filters.of(null, r.filter().tags(), r.filter().hasCaption()));
        } else {
            selection = org.jooq.impl.DSL.trueCondition();
        }
        boolean force = Boolean.TRUE.equals(r.force());
        List<UUID> ids = force ? store.all(selection) : store.missing(model, selection);
        if (ids.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, force ? "The selection holds no images"
                    : "Every image of the selection already has an embedding from " + model + " (force=true redoes them)");
        }
        ObjectNode params = json.createObjectNode();
        params.put("model", model);
        params.put("force", force);
        return jobs.submit(TYPE, params, PlannedItem.each(ids.iterator()));
    }

    @Override
    public JobRun open(JobContext context) {
        return new JobRun() {
            @Override
            public ItemOutcome process(JobItem item) {
                try {
                    return embeddings.embed(item.itemId()) ? ItemOutcome.done() : ItemOutcome.done("image deleted");
                } catch (EmbeddingException | ImageRejectedException | ApiException e) {
                    return ItemOutcome.failed(e.getMessage());
                }
            }

            @Override
            public JsonNode finish() {
                return null;
            }
        };
    }

    @Override
    public int batchSize() {
        return 16;
    }
}
