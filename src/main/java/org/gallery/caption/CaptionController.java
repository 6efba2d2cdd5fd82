package org.gallery.caption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.gallery.web.openapi.Answers;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v2")
@Tag(name = "Captions")
class CaptionController {

    record ManualCaption(String caption) {
    }

    private final CaptionService captions;
    private final CaptionGeneration generation;
    private final CaptionStreams streams;
    private final CaptionReplacement replacement;

    CaptionController(CaptionService captions, CaptionGeneration generation, CaptionStreams streams,
            CaptionReplacement replacement) {
        this.replacement = replacement;
        this.captions = captions;
        this.generation = generation;
        this.streams = streams;
    }

    @PostMapping(path = "/images/{id}/caption/generate", produces = MediaType.APPLICATION_JSON_VALUE)
    @Answers(problems = {422, 502, 503, 504})
    @Operation(operationId = "generateCaption", summary = "Generate a caption with the configured (or named) generator; saved as the new version unless save=false")
    GenerationResult generate(@PathVariable UUID id, @RequestBody(required = false) GenerateRequest body) {
        return generation.generate(generation.prepare(id, body == null ? EMPTY : body));
    }

    @PostMapping(path = "/images/{id}/caption/generate", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Answers(problems = {422, 502, 503, 504})
    @Operation(operationId = "generateCaption", summary = "The same, streamed as Server-Sent Events: 'token' events as text arrives, then 'done' (or 'error')")
    SseEmitter generateStream(@PathVariable UUID id, @RequestBody(required = false) GenerateRequest body) {
        return streams.start(generation.prepare(id, body == null ? EMPTY : body));
    }

    @PostMapping("/captions/replace")
    @Operation(operationId = "replaceInCaptions", summary = "Find and replace (plain or regex) in the current captions of a photoset, some images, a filter or all; dry_run reports without saving")
    CaptionReplacement.Report replace(@RequestBody ReplaceRequest request) {
        return replacement.replace(request);
    }

    private static final GenerateRequest EMPTY = new GenerateRequest(null, null, null, null, null, null);

    @GetMapping("/images/{id}/caption")
    @Operation(operationId = "getCaption", summary = "The current caption (404 when none); history=true adds every version, newest first")
    Caption get(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean history) {
        return captions.get(id, history);
    }

    @PostMapping("/images/{id}/caption")
    @Operation(operationId = "saveCaption", summary = "Save a caption written by hand as the new current version")
    Caption save(@PathVariable UUID id, @RequestBody ManualCaption body) {
        return captions.save(id, CaptionVersion.manual(body.caption()));
    }

    @DeleteMapping("/images/{id}/caption")
    @Operation(operationId = "deleteCaption", summary = "Remove the current caption (earlier versions stay in the history)")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        captions.delete(id);
        return ResponseEntity.noContent().build();
    }
}
