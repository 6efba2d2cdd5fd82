package org.gallery.tag;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.gallery.web.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tags")
class TagController {

    private final TagService tags;

    TagController(TagService tags) {
        this.tags = tags;
    }

    @GetMapping("/api/v2/tags")
    @Operation(operationId = "listTags", summary = "List tags with image and photoset counts; q is a name prefix for autocomplete")
    Page<TagService.TagSummary> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return tags.list(q, limit, cursor);
    }
}
