package org.gallery.crop;

import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import org.jooq.impl.DSL;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import java.util.UUID;
import org.gallery.image.ImageFacet;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/** Lets the image list filter on {@code has_crop}. */
@Component
class CropFacet implements ImageFacet {

    static final Field<UUID> CROP_IMAGE = field(DSL.name("crops", "image_id"), SQLDataType.UUID);

    @Override
    public String name() {
        return "crop";
    }

    @Override
    public Condition present(Field<UUID> imageId) {
        return exists(selectOne().from(table(DSL.name("crops"))).where(CROP_IMAGE.eq(imageId)));
    }
}
