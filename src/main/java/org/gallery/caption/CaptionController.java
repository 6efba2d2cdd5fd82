package org.gallery.caption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v2/images/{id}/caption")
@Tag(name = "Captions")
class CaptionController {

    record ManualCaption(String caption) {
    }

    private final CaptionService captions;

    CaptionController(CaptionService captions) {
        this.captions = captions;
    }

    @GetMapping
    @Operation(summary = "The current caption (404 when none); history=true adds every version, newest first")
    Caption get(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean history) {
        return captions.get(id, history);
    }

    @PostMapping
    @Operation(summary = "Save a caption written by hand as the new current version")
    Caption save(@PathVariable UUID id, @RequestBody ManualCaption body) {
        return captions.save(id, CaptionVersion.manual(body.caption()));
    }

    @DeleteMapping
    @Operation(summary = "Remove the current caption (earlier versions stay in the history)")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        captions.delete(id);
        return ResponseEntity.noContent().build();
    }
}
