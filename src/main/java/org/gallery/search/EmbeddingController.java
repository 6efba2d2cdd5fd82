package org.gallery.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.gallery.jobs.Job;
import org.gallery.web.openapi.Answers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Search")
class EmbeddingController {

    private final ImageEmbeddings embeddings;
    private final EmbeddingJobs jobs;

    EmbeddingController(ImageEmbeddings embeddings, EmbeddingJobs jobs) {
        this.embeddings = embeddings;
        this.jobs = jobs;
    }

    @GetMapping("/api/v2/embeddings")
    @Operation(summary = "Whether image embeddings are on (EMBEDDINGS), the model and its dimension, the vector "
            + "store, how many images have an embedding of the model and how many only one of an earlier model (stale)")
    ImageEmbeddings.Status status() {
        return embeddings.status();
    }

    @PostMapping("/api/v2/embeddings/jobs")
    @Operation(summary = "Embed images in the background: all (no body), photoset_id, image_ids or filter (tags, "
            + "has_caption); only those without an embedding of the current model unless force. 202 with the job; "
            + "503 when EMBEDDINGS is off")
    @Answers(value = 202, problems = {422, 503})
    ResponseEntity<Job> submit(@RequestBody(required = false) EmbeddingJobs.EmbeddingJobRequest request) {
        Job job = jobs.submit(request);
        return ResponseEntity.accepted().location(URI.create("/api/v2/jobs/" + job.id())).body(job);
    }
}
