package org.gallery.crop;

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
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v2/images/{id}/crop")
@Tag(name = "Crops")
class CropController {

    private final CropService crops;

    CropController(CropService crops) {
        this.crops = crops;
    }

    @GetMapping
    @Operation(summary = "The image's crop (404 when none)")
    Crop get(@PathVariable UUID id) {
        return crops.get(id);
    }

    @PostMapping
    @Operation(summary = "Set the crop: x, y, width, height in pixels of the upright image, optional aspect_ratio label; 422 when outside the image")
    Crop save(@PathVariable UUID id, @RequestBody CropRequest request) {
        return crops.save(id, request);
    }

    @DeleteMapping
    @Operation(summary = "Remove the crop")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        crops.delete(id);
        return ResponseEntity.noContent().build();
    }
}
