package org.gallery.thumbnail;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.UUID;
import org.gallery.web.openapi.Answers;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@Tag(name = "Thumbnails")
class ThumbnailController {

    /** private: the browser keeps them a year, but a shared proxy must not hand them to someone not signed in. */
    private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();
    static final String CACHE_CONTROL = FOREVER.getHeaderValue();

    private final ThumbnailService thumbnails;
    private final HotThumbnails hot;

    ThumbnailController(ThumbnailService thumbnails, HotThumbnails hot) {
        this.thumbnails = thumbnails;
        this.hot = hot;
    }

    @GetMapping("/api/v2/images/{id}/thumbnail/{size}")
    @Answers(binary = "image/jpeg", problems = 422, conditional = true)
    @Operation(operationId = "getThumbnail", summary = "A thumbnail (small, medium, large): upright sRGB JPEG, never upscaled; ETag, 304, HEAD")
    ResponseEntity<Resource> thumbnail(@PathVariable UUID id, @PathVariable String size, WebRequest request) {
        ThumbnailSize which = ThumbnailSize.parse(size);
        var cached = hot.get(id, which);
        if (cached == null) {
            cached = hot.load(id, which, thumbnails.read(id, which));
        }
        if (request.checkNotModified(cached.etag(), cached.lastModified())) {
            return ResponseEntity.status(304).eTag(cached.etag()).cacheControl(FOREVER).build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_JPEG)
                .eTag(cached.etag())
                .lastModified(cached.lastModified())
                .cacheControl(FOREVER)
                .body(new ByteArrayResource(cached.bytes()));
    }

}
