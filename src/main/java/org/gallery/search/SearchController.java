package org.gallery.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.gallery.web.Page;
import org.gallery.web.openapi.Answers;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "Search")
class SearchController {

    private final SearchService search;
    private final QueryImages queryImages;

    SearchController(SearchService search, QueryImages queryImages) {
        this.search = search;
        this.queryImages = queryImages;
    }

    @GetMapping("/api/v2/search")
    @Operation(summary = "Images ranked by relevance to q, with a score; filters photoset_id, tags, has_caption "
            + "(applied inside the search); paged by cursor. mode=text: captions, file names, photoset names and tags "
            + "(every word required, English stemming); mode=semantic: text-to-image over image embeddings; "
            + "mode=hybrid: both merged by reciprocal rank fusion. The default is hybrid once images have embeddings, "
            + "text otherwise. semantic and hybrid answer 503 when EMBEDDINGS is off or no image has an embedding yet")
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

    @PostMapping(path = "/api/v2/search/image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Images most like the uploaded one (multipart part file), by image embeddings, with a score; "
            + "the upload is not stored. Filters photoset_id, tags, has_caption; paged by cursor (send the same file "
            + "again). 503 when EMBEDDINGS is off or no image has an embedding yet")
    @Answers(problems = {400, 415, 503})
    Page<SearchResult> searchByImage(@RequestPart("file") MultipartFile file,
            @RequestParam(name = "photoset_id", required = false) UUID photosetId,
            @RequestParam(required = false) List<String> tags,
            @RequestParam(name = "has_caption", required = false) Boolean hasCaption,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return search.byImage(queryImages.render(file), photosetId, tags, hasCaption, limit, cursor);
    }
}
