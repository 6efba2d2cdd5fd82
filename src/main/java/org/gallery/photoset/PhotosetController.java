package org.gallery.photoset;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.gallery.web.Page;
import org.gallery.web.openapi.Answers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v2/photosets")
@Tag(name = "Photosets")
class PhotosetController {

    private final PhotosetService photosets;

    PhotosetController(PhotosetService photosets) {
        this.photosets = photosets;
    }

    @PostMapping
    @Operation(operationId = "createPhotoset", summary = "Create a photoset (name unique, case-insensitively)")
    @Answers(value = 201, problems = 409)
    ResponseEntity<Photoset> create(@RequestBody PhotosetRequest request) {
        Photoset created = photosets.create(request);
        return ResponseEntity.created(URI.create("/api/v2/photosets/" + created.id())).body(created);
    }

    @GetMapping
    @Operation(operationId = "listPhotosets", summary = "List photosets: filter by name text, year, tag, actor; sort by name, year or created")
    Page<Photoset> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String order,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return photosets.list(new PhotosetQuery(q, year, tag, actor, sort, order, limit, cursor));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getPhotoset", summary = "Get a photoset")
    Photoset get(@PathVariable UUID id) {
        return photosets.get(id);
    }

    @PutMapping("/{id}")
    @Operation(operationId = "updatePhotoset", summary = "Update a photoset; fields left out keep their value")
    @Answers(problems = 409)
    Photoset update(@PathVariable UUID id, @RequestBody PhotosetRequest request) {
        return photosets.update(id, request);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deletePhotoset", summary = "Delete a photoset with its images, their files and derived files")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        photosets.delete(id);
        return ResponseEntity.noContent().build();
    }
}
