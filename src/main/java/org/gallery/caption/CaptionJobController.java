package org.gallery.caption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.gallery.jobs.Job;
import org.gallery.web.openapi.Answers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Captions")
class CaptionJobController {

    private final CaptionJobs jobs;

    CaptionJobController(CaptionJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/api/v2/captions/jobs")
    @Answers(202)
    @Operation(operationId = "startCaptionJob", summary = "Caption many images in the background: photoset_id, image_ids or filter; prompt, generator, "
            + "model, max_tokens, use_crop; overwrite=false skips images with a manual caption. 202 with the job")
    ResponseEntity<Job> submit(@RequestBody CaptionJobs.CaptionJobRequest request) {
        Job job = jobs.submit(request);
        return ResponseEntity.accepted().location(URI.create("/api/v2/jobs/" + job.id())).body(job);
    }
}
