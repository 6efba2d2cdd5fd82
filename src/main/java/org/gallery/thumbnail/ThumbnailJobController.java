package org.gallery.thumbnail;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.gallery.jobs.Job;
import org.gallery.web.openapi.Answers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Thumbnails")
class ThumbnailJobController {

    record ThumbnailJobRequest(UUID photosetId, List<UUID> imageIds, Boolean force) {
    }

    private final ThumbnailJobs jobs;

    ThumbnailJobController(ThumbnailJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/api/v2/thumbnails/jobs")
    @Answers(202)
    @Operation(operationId = "startThumbnailJob", summary = "Make thumbnails in the background: photoset_id, image_ids or (neither) every image; "
            + "force remakes existing ones. 202 with the job")
    ResponseEntity<Job> submit(@RequestBody(required = false) ThumbnailJobRequest request) {
        ThumbnailJobRequest r = request != null ? request : new ThumbnailJobRequest(null, null, null);
        Job job = jobs.submit(r.photosetId(), r.imageIds(), Boolean.TRUE.equals(r.force()));
        return ResponseEntity.accepted().location(URI.create("/api/v2/jobs/" + job.id())).body(job);
    }
}
