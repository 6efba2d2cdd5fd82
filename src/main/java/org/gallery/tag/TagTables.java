package org.gallery.tag;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

final class TagTables {

    private TagTables() {
    }

    static final Table<Record> TAGS = table(name("tags"));
    static final Field<UUID> TAG_ID = field(name("tags", "id"), SQLDataType.UUID);
    static final Field<String> TAG_NAME = field(name("tags", "name"), SQLDataType.VARCHAR);
    static final Field<String> TAG_KEY = field(name("tags", "name_key"), SQLDataType.VARCHAR);
    static final Field<Long> TAG_CREATED = field(name("tags", "created_at"), SQLDataType.BIGINT);

    static final Table<Record> IMAGE_TAGS = table(name("image_tags"));
    static final Field<UUID> IT_IMAGE = field(name("image_tags", "image_id"), SQLDataType.UUID);
    static final Field<UUID> IT_TAG = field(name("image_tags", "tag_id"), SQLDataType.UUID);

    static final Table<Record> PHOTOSET_TAGS = table(name("photoset_tags"));
    static final Field<UUID> PT_PHOTOSET = field(name("photoset_tags", "photoset_id"), SQLDataType.UUID);
    static final Field<UUID> PT_TAG = field(name("photoset_tags", "tag_id"), SQLDataType.UUID);
}
