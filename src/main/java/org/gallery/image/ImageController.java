package org.gallery.image;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gallery.web.ApiException;
import org.gallery.web.Page;
import org.gallery.web.openapi.Answers;
import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Images")
class ImageController {

    record TagsRequest(List<String> tags) {
    }

    private final ImageService images;
    private final ImageUploads uploads;
    private final JsonMapper json;

    ImageController(ImageService images, ImageUploads uploads, JsonMapper json) {
        this.images = images;
        this.uploads = uploads;
        this.json = json;
    }

    @PostMapping(path = "/api/v2/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadImage", summary = "Upload an image (multipart 'file'; optional 'photoset_id' and 'tags')")
    @Answers(value = 201, problems = {404, 409, 413, 415, 422})
    ResponseEntity<Image> upload(@RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "photoset_id", required = false) UUID photosetId,
            @Parameter(description = "tag names: repeated, comma-separated or a JSON list")
            @RequestParam(name = "tags", required = false) List<String> tagsForDocs,
            jakarta.servlet.http.HttpServletRequest request) throws IOException {
        // read raw values: the list binding would split a JSON list at its commas
        String[] tagValues = request.getParameterValues("tags");
        List<String> tags = tagValues == null ? null : List.of(tagValues);
        if (file == null) {
            throw ApiException.invalidField("file", "a multipart part named 'file' is required");
        }
        Image image;
        try (InputStream in = file.getInputStream()) {
            image = uploads.upload(in, file.getOriginalFilename(), photosetId, splitTags(tags));
        }
        return ResponseEntity.created(URI.create("/api/v2/images/" + image.id())).body(image);
    }

    @GetMapping("/api/v2/images")
    @Operation(operationId = "listImages", summary = "List images: filters, sort (taken, created, filename) and keyset pagination")
    Page<Image> list(@RequestParam(name = "photoset_id", required = false) UUID photosetId,
            @RequestParam(required = false) List<String> tags,
            @RequestParam(name = "has_caption", required = false) Boolean hasCaption,
            @RequestParam(name = "has_crop", required = false) Boolean hasCrop,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer year,
            @RequestParam(name = "date_from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateFrom,
            @RequestParam(name = "date_to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateTo,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String order,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return images.list(new ImageQuery(photosetId, splitTags(tags), hasCaption, hasCrop, q, year, dateFrom, dateTo,
                sort, order, limit, cursor));
    }

    @GetMapping("/api/v2/photosets/{id}/images")
    @Operation(operationId = "listPhotosetImages", summary = "List a photoset's images, with the filters, sort and pagination of GET /images")
    Page<Image> listInPhotoset(@PathVariable UUID id,
            @RequestParam(required = false) List<String> tags,
            @RequestParam(name = "has_caption", required = false) Boolean hasCaption,
            @RequestParam(name = "has_crop", required = false) Boolean hasCrop,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer year,
            @RequestParam(name = "date_from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateFrom,
            @RequestParam(name = "date_to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateTo,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String order,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return list(id, tags, hasCaption, hasCrop, q, year, dateFrom, dateTo, sort, order, limit, cursor);
    }

    @GetMapping("/api/v2/images/{id}")
    @Operation(operationId = "getImageFile", summary = "The original bytes, exactly as uploaded (ETag, Range)")
    @Answers(binary = "image/*", conditional = true, ranges = true)
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "302",
            description = "Found: with S3_PRESIGNED_DOWNLOADS=true, a short-lived URL of the file in the bucket")
    ResponseEntity<Resource> original(@PathVariable UUID id, WebRequest request) {
        StoredImage stored = images.original(id);
        String etag = "\"" + stored.sha256() + "\"";
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).build();
        }
        var direct = images.originalDownloadUrl(stored);
        if (direct.isPresent()) {
            return ResponseEntity.status(302).location(direct.get()).cacheControl(CacheControl.noStore()).build();
        }
        return ResponseEntity.ok()
                .eTag(etag)
                .contentType(MediaType.parseMediaType(stored.mimeType()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(stored.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .body(images.originalBody(stored));
    }

    @GetMapping("/api/v2/images/{id}/metadata")
    @Operation(operationId = "getImageMetadata", summary = "Stored facts of an image")
    Image metadata(@PathVariable UUID id) {
        return images.get(id);
    }

    @DeleteMapping("/api/v2/images/{id}")
    @Operation(operationId = "deleteImage", summary = "Delete an image, its file and its derived files")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        images.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v2/images/{id}/tags")
    @Operation(operationId = "addImageTags", summary = "Add tags to an image (idempotent)")
    Image addTags(@PathVariable UUID id, @RequestBody TagsRequest request) {
        if (request.tags() == null) {
            throw ApiException.invalidField("tags", "is required (a list of names)");
        }
        return images.addTags(id, request.tags());
    }

    @DeleteMapping("/api/v2/images/{id}/tags/{tag}")
    @Operation(operationId = "removeImageTag", summary = "Remove a tag from an image")
    Image removeTag(@PathVariable UUID id, @PathVariable String tag) {
        return images.removeTag(id, tag);
    }

    private List<String> splitTags(List<String> values) {
        List<String> names = new ArrayList<>();
        if (values == null) {
            return names;
        }
        for (String value : values) {
            String v = value.strip();
            if (v.startsWith("[")) {
                try {
                    names.addAll(List.of(json.readValue(v, String[].class)));
                } catch (RuntimeException e) {
                    throw ApiException.invalidField("tags", "not a valid JSON list of names");
                }
            } else {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        names.add(part);
                    }
                }
            }
        }
        return names;
    }
}
