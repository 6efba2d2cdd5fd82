package org.gallery.image;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Filters, sort and page of an image list. */
public record ImageQuery(
        UUID photosetId,
        List<String> tags,
        Boolean hasCaption,
        Boolean hasCrop,
        String q,
        Integer year,
        LocalDate dateFrom,
        LocalDate dateTo,
        String sort,
        String order,
        Integer limit,
        String cursor) {

    public ImageQuery withPhotoset(UUID id) {
        return new ImageQuery(id, tags, hasCaption, hasCrop, q, year, dateFrom, dateTo, sort, order, limit, cursor);
    }
}
