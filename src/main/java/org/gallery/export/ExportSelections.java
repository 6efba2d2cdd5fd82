package org.gallery.export;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.gallery.image.Image;
import org.gallery.image.ImageQuery;
import org.gallery.image.ImageService;
import org.gallery.photoset.PhotosetService;
import org.gallery.web.ApiException;
import org.gallery.web.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Which images an export takes: chosen ids, a photoset, or the filters of the image list. */
@Component
class ExportSelections {

    /** One of: {@code ids}, {@code photosetId}, or {@code filter}. */
    record Selection(List<UUID> ids, UUID photosetId, ImageQuery filter) {
    }

    private final ImageService images;
    private final PhotosetService photosets;

    ExportSelections(ImageService images, PhotosetService photosets) {
        this.images = images;
        this.photosets = photosets;
    }

    /**
     * Checks a selection as a request gives it: exactly one kind, known ids, at least one image. Unknown ids and
     * empty selections are 422, malformed ones 400.
     */
    Selection resolve(List<UUID> imageIds, UUID photosetId, Map<String, Object> filter) {
        int kinds = (imageIds != null ? 1 : 0) + (photosetId != null ? 1 : 0) + (filter != null ? 1 : 0);
        if (kinds != 1) {
            throw ApiException.badRequest("Select the images with exactly one of image_ids, photoset_id or filter");
        }
        Selection selection;
        if (imageIds != null) {
            List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(imageIds));
            if (ids.isEmpty()) {
                throw ApiException.invalidField("image_ids", "must name at least one image");
            }
            List<String> unknown = ids.stream().filter(id -> id == null || !images.exists(id)).map(String::valueOf)
                    .toList();
            if (!unknown.isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown images in the selection: " + unknown,
                        List.of(new ApiException.FieldError("image_ids", "unknown: " + String.join(", ", unknown))));
            }
            selection = new Selection(ids, null, null);
        } else if (photosetId != null) {
            if (!photosets.exists(photosetId)) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Photoset " + photosetId + " does not exist",
                        List.of(new ApiException.FieldError("photoset_id", "unknown photoset")));
            }
            selection = new Selection(null, photosetId, null);
        } else {
            selection = new Selection(null, null, images.filter(filter));
        }
        if (!images(selection).hasNext()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "The selection holds no images");
        }
        return selection;
    }

    /** The selected images in export order, read a page at a time. */
    Iterator<Image> images(Selection selection) {
        if (selection.ids() != null) {
            return new Iterator<>() {
                private final Iterator<UUID> ids = selection.ids().iterator();
                private Image next;

                @Override
                public boolean hasNext() {
                    while (next == null && ids.hasNext()) {
                        UUID id = ids.next();
                        if (images.exists(id)) {
                            next = images.get(id);
                        }
                    }
                    return next != null;
                }

                @Override
                public Image next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Image image = next;
                    next = null;
                    return image;
                }
            };
        }
        ImageQuery query = selection.filter() != null ? selection.filter()
                : new ImageQuery(selection.photosetId(), null, null, null, null, null, null, null, null, null, null, null);
        return new Pages(query);
    }

    ObjectNode toJson(Selection selection, JsonMapper json) {
        ObjectNode o = json.createObjectNode();
        if (selection.ids() != null) {
            o.put("kind", "images");
            o.put("image_count", selection.ids().size());
        } else if (selection.photosetId() != null) {
            o.put("kind", "photoset");
            o.put("photoset_id", selection.photosetId().toString());
        } else {
            o.put("kind", "filter");
            ImageQuery f = selection.filter();
            ObjectNode fo = o.putObject("filter");
            if (f.photosetId() != null) {
                fo.put("photoset_id", f.photosetId().toString());
            }
            if (f.tags() != null && !f.tags().isEmpty()) {
                var tags = fo.putArray("tags");
                f.tags().forEach(tags::add);
            }
            putIfSet(fo, "has_caption", f.hasCaption());
            putIfSet(fo, "has_crop", f.hasCrop());
            if (f.q() != null) {
                fo.put("q", f.q());
            }
            if (f.year() != null) {
                fo.put("year", f.year());
            }
            if (f.dateFrom() != null) {
                fo.put("date_from", f.dateFrom().toString());
            }
            if (f.dateTo() != null) {
                fo.put("date_to", f.dateTo().toString());
            }
        }
        return o;
    }

    private static void putIfSet(ObjectNode o, String name, Boolean value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    /** A query's images by file name, a page at a time. */
    private final class Pages implements Iterator<Image> {
        private final ImageQuery query;
        private Iterator<Image> page = List.<Image>of().iterator();
        private String cursor;
        private boolean last;

        Pages(ImageQuery query) {
            this.query = query;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !last) {
                ImageQuery q = query;
                Page<Image> next = images.list(new ImageQuery(q.photosetId(), q.tags(), q.hasCaption(), q.hasCrop(),
                        q.q(), q.year(), q.dateFrom(), q.dateTo(), "filename", "asc", Page.MAX_LIMIT, cursor));
                page = next.items().iterator();
                cursor = next.nextCursor();
                last = cursor == null;
            }
            return page.hasNext();
        }

        @Override
        public Image next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }
    }
}
