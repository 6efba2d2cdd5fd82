package org.gallery.search;

import static org.gallery.search.SearchTables.I_ID;
import static org.gallery.search.SearchTables.I_PHOTOSET;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gallery.image.ImageFacet;
import org.gallery.photoset.PhotosetService;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The filters every search takes (photoset, tags, caption present), as one condition on {@code images}. */
@Component
class SearchFilters {

    record Filter(@Nullable UUID photosetId, List<String> tags, @Nullable Boolean hasCaption) {
        boolean any() {
            return photosetId != null || !tags.isEmpty() || hasCaption != null;
        }
    }

    private final PhotosetService photosets;
    private final @Nullable ImageFacet captions;

    SearchFilters(PhotosetService photosets, List<ImageFacet> facets) {
        this.photosets = photosets;
        this.captions = facets.stream().filter(f -> f.name().equals("caption")).findFirst().orElse(null);
    }

    /** The filter of a request; an unknown photoset is a 404. */
    Filter of(@Nullable UUID photosetId, @Nullable List<String> tags, @Nullable Boolean hasCaption) {
        if (photosetId != null && !photosets.exists(photosetId)) {
            throw ApiException.notFound("Photoset", photosetId);
        }
        return new Filter(photosetId, tags(tags), hasCaption);
    }

    Condition condition(Filter filter) {
        Condition where = DSL.trueCondition();
        if (filter.photosetId() != null) {
            where = where.and(I_PHOTOSET.eq(filter.photosetId()));
        }
        if (!filter.tags().isEmpty()) {
            where = where.and(TagService.imageHasAllTags(I_ID, filter.tags()));
        }
        if (filter.hasCaption() != null) {
            Condition present = captions == null ? DSL.falseCondition() : captions.present(I_ID);
            where = where.and(filter.hasCaption() ? present : present.not());
        }
        return where;
    }

    /** Tags given as repeated parameters, comma-separated lists, or both. */
    private static List<String> tags(@Nullable List<String> values) {
        List<String> tags = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        tags.add(part.strip());
                    }
                }
            }
        }
        return tags;
    }
}
