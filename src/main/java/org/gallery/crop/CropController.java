package org.gallery.crop;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.gallery.config.Settings;
import org.gallery.web.ApiException;
import org.gallery.web.openapi.Answers;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
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

@RestController
@RequestMapping("/api/v2/images/{id}")
@Tag(name = "Crops")
class CropController {

    private final CropService crops;
    private final CroppedImages cropped;
    private final Settings settings;
    private final CropSuggestions suggestions;

    CropController(CropService crops, CroppedImages cropped, Settings settings, CropSuggestions suggestions) {
        this.suggestions = suggestions;
        this.crops = crops;
        this.cropped = cropped;
        this.settings = settings;
    }

    @GetMapping("/crop/suggest")
    @Operation(operationId = "suggestCrop", summary = "Propose a crop of the given aspect ratio (e.g. 1:1) around the most detailed, colourful region")
    CropSuggestions.Suggestion suggest(@PathVariable UUID id, @RequestParam(name = "aspect_ratio") String aspectRatio) {
        return suggestions.suggest(id, aspectRatio);
    }

    @GetMapping("/cropped")
    @Answers(binary = "image/jpeg", problems = 422)
    @Operation(operationId = "getCroppedImage", summary = "The crop as JPEG: full resolution (exactly width x height), or scaled by size=small|medium|large or max_size=N")
    ResponseEntity<Resource> cropped(@PathVariable UUID id, @RequestParam(required = false) String size,
            @RequestParam(name = "max_size", required = false) Integer maxSize) {
        int edge = 0;
        if (size != null && maxSize != null) {
            throw ApiException.badRequest("Give size or max_size, not both");
        }
        if (size != null) {
            edge = switch (size) {
                case "small" -> settings.imaging().thumbnailSmall();
                case "medium" -> settings.imaging().thumbnailMedium();
                case "large" -> settings.imaging().thumbnailLarge();
                default -> throw ApiException.invalidField("size", "'" + size + "' is not a size; use small, medium or large");
            };
        } else if (maxSize != null) {
            if (maxSize < 1 || maxSize > 65_535) {
                throw ApiException.invalidField("max_size", "must be between 1 and 65535");
            }
            edge = maxSize;
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                .cacheControl(CacheControl.noCache())
                .body(cropped.file(id, edge));
    }

    @GetMapping("/crop")
    @Operation(operationId = "getCrop", summary = "The image's crop (404 when none)")
    Crop get(@PathVariable UUID id) {
        return crops.get(id);
    }

    @PostMapping("/crop")
    @Answers(problems = 422)
    @Operation(operationId = "setCrop", summary = "Set the crop: x, y, width, height in pixels of the upright image, optional aspect_ratio label; 422 when outside the image")
    Crop save(@PathVariable UUID id, @RequestBody CropRequest request) {
        return crops.save(id, request);
    }

    @DeleteMapping("/crop")
    @Operation(operationId = "deleteCrop", summary = "Remove the crop")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        crops.delete(id);
        return ResponseEntity.noContent().build();
    }
}
