package org.gallery.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.gallery.jobs.Job;
import org.gallery.web.ApiException;
import org.gallery.web.Page;
import org.gallery.web.openapi.Answers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Search")
class DuplicateController {

    record HashJobRequest(UUID photosetId) {
    }

    private final DuplicateService duplicates;
    private final HashJobs jobs;
    private final SearchService search;

    DuplicateController(DuplicateService duplicates, HashJobs jobs, SearchService search) {
        this.duplicates = duplicates;
        this.jobs = jobs;
        this.search = search;
    }

    @GetMapping("/api/v2/duplicates")
    @Operation(summary = "Groups of near-identical images (perceptual hash within max_distance bits, default "
            + DuplicateService.DEFAULT_MAX_DISTANCE + "), largest groups first; in each the one to keep (most pixels, "
            + "then larger file, then oldest) and the others with their distance")
    Page<DuplicateGroup> groups(@RequestParam(name = "photoset_id", required = false) UUID photosetId,
            @RequestParam(name = "max_distance", required = false) Integer maxDistance,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return duplicates.groups(photosetId, maxDistance, limit, cursor);
    }

    @GetMapping("/api/v2/images/{id}/similar")
    @Operation(summary = "Images that look like this one (in photoset_id, or anywhere), closest first: by=pixels "
            + "compares perceptual hashes (within max_distance bits, with a distance); by=embeddings compares image "
            + "embeddings (with a score, the cosine similarity; 503 when EMBEDDINGS is off or the image has none yet)")
    @Answers(problems = 503)
    Page<SimilarImage> similar(@PathVariable UUID id,
            @RequestParam(required = false) String by,
            @RequestParam(name = "photoset_id", required = false) UUID photosetId,
            @RequestParam(name = "max_distance", required = false) Integer maxDistance,
            @RequestParam(required = false) Integer limit) {
        String mode = by == null ? "pixels" : by;
        return switch (mode) {
            case "pixels" -> duplicates.similar(id, photosetId, maxDistance, limit);
            case "embeddings" -> search.similar(id, photosetId, limit);
            default -> throw ApiException.invalidField("by", "must be pixels or embeddings");
        };
    }

    @PostMapping("/api/v2/duplicates/jobs")
    @Operation(summary = "Hash the images that have no perceptual hash yet (all, or photoset_id's), in the "
            + "background. 202 with the job")
    @Answers(value = 202, problems = 422)
    ResponseEntity<Job> submit(@RequestBody(required = false) HashJobRequest request) {
        Job job = jobs.submit(request == null ? null : request.photosetId());
        return ResponseEntity.accepted().location(URI.create("/api/v2/jobs/" + job.id())).body(job);
    }
}
