package org.gallery.image;

import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Something other features attach to an image (a caption, a crop). They implement this so the image list can
 * filter on it and the metadata can show it, without the image feature knowing their tables.
 */
public interface ImageFacet {

    /** "caption" or "crop": the filter is {@code has_<name>}. */
    String name();

    /** True for images that have it. */
    Condition present(Field<UUID> imageId);

    /** True for images whose facet text contains {@code lowerCaseText}; most facets have no text. */
    default Condition textContains(Field<UUID> imageId, String lowerCaseText) {
        return DSL.falseCondition();
    }
}
