package org.gallery.caption;

import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import org.jooq.impl.DSL;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import java.util.UUID;
import org.gallery.image.ImageFacet;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/** Lets the image list filter on {@code has_caption} and search caption text. */
@Component
class CaptionFacet implements ImageFacet {

    static final Field<UUID> IMAGE_ID = field(DSL.name("captions", "image_id"), SQLDataType.UUID);
    static final Field<String> TEXT = field(DSL.name("captions", "text"), SQLDataType.VARCHAR);
    static final Field<Integer> IS_CURRENT = field(DSL.name("captions", "is_current"), SQLDataType.INTEGER);

    @Override
    public String name() {
        return "caption";
    }

    @Override
    public Condition present(Field<UUID> imageId) {
        return exists(selectOne().from(table(DSL.name("captions"))).where(IMAGE_ID.eq(imageId)).and(IS_CURRENT.eq(1)));
    }

    @Override
    public Condition textContains(Field<UUID> imageId, String lowerCaseText) {
        return exists(selectOne().from(table(DSL.name("captions"))).where(IMAGE_ID.eq(imageId)).and(IS_CURRENT.eq(1))
                .and(lower(TEXT).contains(lowerCaseText)));
    }
}
