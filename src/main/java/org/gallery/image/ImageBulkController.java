package org.gallery.image;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.web.openapi.Answers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Acting on a selection of images rather than one: how many match, and one change to all of them. */
@RestController
@Tag(name = "Images")
class ImageBulkController {

    @Schema(name = "BulkImageChange", description = "Exactly one of ids or filter, and what to change")
    record BulkBody(
            @Schema(description = "the images, at most " + ImageBulk.MAX_IDS) List<UUID> ids,
            @Schema(description = ImageFilters.DESCRIPTION) Map<String, Object> filter,
            List<String> addTags,
            List<String> removeTags,
            @Schema(description = "move the images to this photoset (files included)") UUID photosetId,
            @Schema(description = "delete the images, their files and derived files; goes alone") Boolean delete) {
    }

    @Schema(name = "ImageCount")
    record Count(long count) {
    }

    private final ImageBulk bulk;
    private final ImageService images;

    ImageBulkController(ImageBulk bulk, ImageService images) {
        this.bulk = bulk;
        this.images = images;
    }

    @PostMapping("/api/v2/images/bulk")
    @Operation(operationId = "changeImages", summary = "Add or remove tags, move to a photoset, or delete many images "
            + "at once, chosen by ids or by the filters of GET /images; all or nothing")
    @Answers(problems = {404, 409, 422})
    ImageBulk.Result change(@RequestBody BulkBody body) {
        return bulk.apply(new ImageBulk.Request(body.ids(), body.filter(), body.addTags(), body.removeTags(),
                body.photosetId(), body.delete()));
    }

    @GetMapping("/api/v2/images/count")
    @Operation(operationId = "countImages", summary = "How many images GET /images lists with these filters")
    @Answers(problems = 404)
    Count count(@RequestParam(name = "photoset_id", required = false) UUID photosetId,
            @RequestParam(required = false) List<String> tags,
            @RequestParam(name = "has_caption", required = false) Boolean hasCaption,
            @RequestParam(name = "has_crop", required = false) Boolean hasCrop,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer year,
            @RequestParam(name = "date_from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateFrom,
            @RequestParam(name = "date_to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateTo) {
        List<String> names = tags == null ? null : tags.stream().flatMap(t -> java.util.Arrays.stream(t.split(",")))
                .map(String::strip).filter(t -> !t.isEmpty()).toList();
        return new Count(images.count(new ImageQuery(photosetId, names, hasCaption, hasCrop, q, year, dateFrom, dateTo,
                null, null, null, null)));
    }
}
