package org.gallery.image;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.gallery.photoset.PhotosetService;
import org.gallery.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The checks every background job makes on the images it is asked to work on, so that each answers a bad selection
 * with the same 422 and the same field names: listed images must all exist, a named photoset must exist.
 */
@Component
public class JobSelections {

    private final ImageService images;
    private final PhotosetService photosets;

    JobSelections(ImageService images, PhotosetService photosets) {
        this.images = images;
        this.photosets = photosets;
    }

    /** {@code ids} without repeats, in their order; a 422 naming every id that is not an image. */
    public List<UUID> knownImages(Collection<UUID> ids) {
        List<UUID> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        List<String> unknown = unique.stream().filter(id -> id == null || !images.exists(id)).map(String::valueOf)
                .toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown images: " + unknown,
                    List.of(new ApiException.FieldError("image_ids", "unknown: " + String.join(", ", unknown))));
        }
        return unique;
    }

    /** A 422 on {@code photoset_id} unless the photoset exists. */
    public void requirePhotoset(UUID photosetId) {
        if (!photosets.exists(photosetId)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Photoset " + photosetId + " does not exist",
                    List.of(new ApiException.FieldError("photoset_id", "unknown photoset")));
        }
    }
}
