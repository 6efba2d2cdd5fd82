package org.gallery.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.photoset.PhotosetService;
import org.gallery.web.openapi.Answers;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@Tag(name = "Exports")
class ExportController {

    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    /** Selection (exactly one of image_ids, photoset_id, filter) and options. */
    record ExportRequest(List<UUID> imageIds, UUID photosetId, Map<String, Object> filter, String images,
            Integer maxSize, Boolean captions, String captionExtension, Boolean captionPrefixTags) {
    }

    private final ExportService exports;
    private final PhotosetService photosets;

    ExportController(ExportService exports, PhotosetService photosets) {
        this.exports = exports;
        this.photosets = photosets;
    }

    @PostMapping("/api/v2/exports")
    @Answers(value = 202, problems = 422)
    @Operation(operationId = "createExport", summary = "Export images as a ZIP in the background: image_ids, photoset_id or filter (the filters of "
            + "GET /images); images = original|cropped, max_size, captions, caption_extension (.txt|.caption), "
            + "caption_prefix_tags. 202 with Location")
    ResponseEntity<Export> create(@RequestBody(required = false) ExportRequest body) {
        ExportRequest r = body != null ? body : new ExportRequest(null, null, null, null, null, null, null, null);
        ExportOptions options = ExportOptions.parse(r.images(), r.maxSize(), r.captions(), r.captionExtension(),
                r.captionPrefixTags());
        Export export = exports.submit(exports.check(r.imageIds(), r.photosetId(), r.filter(), options));
        return ResponseEntity.accepted().location(URI.create("/api/v2/exports/" + export.id())).body(export);
    }

    @GetMapping("/api/v2/exports/{id}")
    @Operation(operationId = "getExport", summary = "An export: status, progress, failures, and the download link once it has succeeded")
    Export get(@PathVariable UUID id) {
        return exports.get(id);
    }

    @GetMapping("/api/v2/exports/{id}/download")
    @Operation(operationId = "downloadExport", summary = "The finished ZIP (Range supported); 409 while it runs, 410 once expired")
    @Answers(binary = "application/zip", problems = {409, 410}, conditional = true, ranges = true)
    ResponseEntity<Resource> download(@PathVariable UUID id) {
        var download = exports.download(id);
        return ResponseEntity.ok()
                .contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(download.fileName()))
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .eTag("\"" + id + "\"")
                .body(download.body());
    }

    @DeleteMapping("/api/v2/exports/{id}")
    @Operation(operationId = "deleteExport", summary = "Cancel an export if it still runs and remove its file")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        exports.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v2/photosets/{id}/export")
    @Answers(binary = "application/zip", problems = 422)
    @Operation(operationId = "streamPhotosetExport", summary = "Stream a photoset as a ZIP while it is written (same options as POST /exports)")
    ResponseEntity<StreamingResponseBody> photoset(@PathVariable UUID id,
            @RequestParam(required = false) String images,
            @RequestParam(name = "max_size", required = false) Integer maxSize,
            @RequestParam(required = false) Boolean captions,
            @RequestParam(name = "caption_extension", required = false) String captionExtension,
            @RequestParam(name = "caption_prefix_tags", required = false) Boolean captionPrefixTags) {
        photosets.get(id);
        ExportOptions options = ExportOptions.parse(images, maxSize, captions, captionExtension, captionPrefixTags);
        return stream(exports.check(null, id, null, options));
    }

    @GetMapping("/api/v2/export")
    @Answers(binary = "application/zip", problems = 422)
    @Operation(operationId = "streamImagesExport", summary = "Stream chosen images as a ZIP while it is written (same options as POST /exports)")
    ResponseEntity<StreamingResponseBody> images(
            @Parameter(description = "image ids: comma-separated or repeated")
            @RequestParam(name = "image_ids", required = false) List<UUID> imageIds,
            @RequestParam(required = false) String images,
            @RequestParam(name = "max_size", required = false) Integer maxSize,
            @RequestParam(required = false) Boolean captions,
            @RequestParam(name = "caption_extension", required = false) String captionExtension,
            @RequestParam(name = "caption_prefix_tags", required = false) Boolean captionPrefixTags) {
        ExportOptions options = ExportOptions.parse(images, maxSize, captions, captionExtension, captionPrefixTags);
        return stream(exports.check(imageIds == null ? List.of() : imageIds, null, null, options));
    }

    private ResponseEntity<StreamingResponseBody> stream(ExportService.Request request) {
        StreamingResponseBody body = out -> exports.stream(request, out);
        return ResponseEntity.ok()
                .contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(request.fileName()))
                .body(body);
    }

    private static String attachment(String fileName) {
        return ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString();
    }
}
