package org.gallery.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.gallery.web.Page;
import org.gallery.web.openapi.Answers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Search")
class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/api/v2/search")
    @Operation(summary = "Images ranked by relevance of captions, file names, photoset names and tags to q (every "
            + "word required, English stemming), with a score; filters photoset_id, tags, has_caption; paged by cursor. "
            + "mode=text (default); semantic and hybrid need EMBEDDINGS (503 without)")
    @Answers(problems = 503)
    Page<SearchResult> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) String mode,
            @RequestParam(name = "photoset_id", required = false) UUID photosetId,
            @RequestParam(required = false) List<String> tags,
            @RequestParam(name = "has_caption", required = false) Boolean hasCaption,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return search.search(new SearchService.Query(q, mode, photosetId, tags, hasCaption, limit, cursor));
    }
}
