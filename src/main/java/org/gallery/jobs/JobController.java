package org.gallery.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.gallery.web.Page;
import org.gallery.web.openapi.Answers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Jobs")
class JobController {

    private final Jobs jobs;

    JobController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v2/jobs")
    @Operation(operationId = "listJobs", summary = "List background jobs, newest first; filter by status and type; keyset pagination")
    Page<Job> list(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return jobs.list(status, type, limit, cursor);
    }

    @GetMapping("/api/v2/jobs/{id}")
    @Operation(operationId = "getJob", summary = "A job: status, progress (done, failed, total), failed items with reasons, result")
    Job get(@PathVariable UUID id) {
        return jobs.get(id);
    }

    @PostMapping("/api/v2/jobs/{id}/cancel")
    @Operation(operationId = "cancelJob", summary = "Cancel a queued or running job (409 when it has finished)")
    @Answers(problems = 409)
    Job cancel(@PathVariable UUID id) {
        return jobs.cancel(id);
    }

    @PostMapping("/api/v2/jobs/{id}/retry")
    @Answers(problems = 409)
    @Operation(operationId = "retryJob", summary = "Queue a failed or cancelled job again: a failed one redoes only its failed items")
    Job retry(@PathVariable UUID id) {
        return jobs.retry(id);
    }
}
