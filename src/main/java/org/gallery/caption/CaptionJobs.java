package org.gallery.caption;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.image.ImageFilters;
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

/**
 * Batch captioning as a background job over a photoset, chosen images or a filter. Images with a manual caption
 * are skipped unless {@code overwrite}; a failure on one image is recorded and the job goes on.
 */
@Component
class CaptionJobs implements JobHandler {

    static final String TYPE = "captions";

    record CaptionJobRequest(UUID photosetId, List<UUID> imageIds,
            @io.swagger.v3.oas.annotations.media.Schema(description = ImageFilters.DESCRIPTION) Map<String, Object> filter, String prompt, String generator,
            String model, Integer maxTokens, Boolean overwrite, Boolean useCrop) {
    }

    private final CaptionGeneration generation;
    private final CaptionService captions;
    private final ImageService images;
    private final JobSelections selections;
    private final Jobs jobs;
    private final JsonMapper json;

    CaptionJobs(CaptionGeneration generation, CaptionService captions, ImageService images, JobSelections selections,
            @Lazy Jobs jobs, JsonMapper json) {
        this.generation = generation;
        this.captions = captions;
        this.images = images;
        this.selections = selections;
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    Job submit(CaptionJobRequest r) {
        int given = (r.photosetId() != null ? 1 : 0) + (r.imageIds() != null ? 1 : 0) + (r.filter() != null ? 1 : 0);
        if (given != 1) {
            throw ApiException.badRequest("Give exactly one selection: photoset_id, image_ids or filter");
        }
        // the same checks a single generation makes, before any job exists
        generation.check(new GenerateRequest(r.prompt(), r.generator(), r.model(), r.maxTokens(), true, r.useCrop()));
        ObjectNode params = json.createObjectNode();
        params.put("prompt", r.prompt());
        params.put("generator", r.generator());
        params.put("model", r.model());
        if (r.maxTokens() != null) {
            params.put("max_tokens", r.maxTokens());
        }
        params.put("overwrite", Boolean.TRUE.equals(r.overwrite()));
        params.put("use_crop", Boolean.TRUE.equals(r.useCrop()));
        Iterator<UUID> ids;
        if (r.imageIds() != null) {
            ids = selections.knownImages(r.imageIds()).iterator();
        } else if (r.photosetId() != null) {
            selections.requirePhotoset(r.photosetId());
            ids = images.ids(new ImageQuery(r.photosetId(), null, null, null, null, null, null, null, null, null, null, null));
        } else {
            ids = images.ids(images.filter(r.filter()));
        }
        if (!ids.hasNext()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "The selection holds no images");
        }
        return jobs.submit(TYPE, params, PlannedItem.each(ids));
    }

    @Override
    public JobRun open(JobContext context) {
        JsonNode p = context.params();
        boolean overwrite = p.path("overwrite").asBoolean(false);
        // generated without saving: the save below decides under the image's lock whether a manual caption stays
        var request = new GenerateRequest(text(p, "prompt"), text(p, "generator"), text(p, "model"),
                p.hasNonNull("max_tokens") ? p.get("max_tokens").asInt() : null, false, p.path("use_crop").asBoolean(false));
        return new JobRun() {
            @Override
            public ItemOutcome process(JobItem item) {
                UUID imageId = item.itemId();
                var current = captions.current(imageId);
                if (!overwrite && current.isPresent() && Caption.MANUAL.equals(current.get().source())) {
                    return ItemOutcome.done("skipped: has a manual caption");
                }
                try {
                    GenerationResult r = generation.generate(generation.prepare(imageId, request));
                    var version = new CaptionVersion(r.caption(), Caption.GENERATED, r.generator(), r.model(), r.prompt(),
                            r.durationMs(), r.promptTokens(), r.outputTokens());
                    if (overwrite) {
                        captions.save(imageId, version);
                    } else if (captions.saveUnlessManual(imageId, version).isEmpty()) {
                        return ItemOutcome.done("skipped: has a manual caption");
                    }
                    return ItemOutcome.done(r.caption());
                } catch (ApiException e) {
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
        return 4;
    }

    private static String text(JsonNode params, String field) {
        return params.hasNonNull(field) ? params.get(field).asString() : null;
    }
}
