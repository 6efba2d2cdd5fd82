package org.gallery.photoset;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

final class PhotosetTables {

    private PhotosetTables() {
    }

    static final Table<Record> PHOTOSETS = table(name("photosets"));
    static final Field<UUID> ID = field(name("photosets", "id"), SQLDataType.UUID);
    static final Field<String> NAME = field(name("photosets", "name"), SQLDataType.VARCHAR);
    static final Field<String> NAME_KEY = field(name("photosets", "name_key"), SQLDataType.VARCHAR);
    static final Field<String> FOLDER = field(name("photosets", "folder"), SQLDataType.VARCHAR);
    static final Field<Integer> YEAR = field(name("photosets", "year"), SQLDataType.INTEGER);
    static final Field<String> DATE = field(name("photosets", "date"), SQLDataType.VARCHAR);
    static final Field<String> SOURCE_URL = field(name("photosets", "source_url"), SQLDataType.VARCHAR);
    static final Field<String> ORIGINAL_FILENAME = field(name("photosets", "original_filename"), SQLDataType.VARCHAR);
    static final Field<String> EXTRA = field(name("photosets", "extra"), SQLDataType.VARCHAR);
    static final Field<Integer> IMAGE_COUNT = field(name("photosets", "image_count"), SQLDataType.INTEGER);
    static final Field<UUID> COVER_IMAGE_ID = field(name("photosets", "cover_image_id"), SQLDataType.UUID);
    static final Field<Long> CREATED_AT = field(name("photosets", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> UPDATED_AT = field(name("photosets", "updated_at"), SQLDataType.BIGINT);

    /** Every column, typed: a plain-SQL table has no typed fields of its own. */
    static final java.util.List<Field<?>> COLUMNS = java.util.List.of(ID, NAME, NAME_KEY, FOLDER, YEAR, DATE, SOURCE_URL,
            ORIGINAL_FILENAME, EXTRA, IMAGE_COUNT, COVER_IMAGE_ID, CREATED_AT, UPDATED_AT);

    static final Table<Record> ACTORS = table(name("actors"));
    static final Field<UUID> ACTOR_ID = field(name("actors", "id"), SQLDataType.UUID);
    static final Field<String> ACTOR_NAME = field(name("actors", "name"), SQLDataType.VARCHAR);
    static final Field<String> ACTOR_KEY = field(name("actors", "name_key"), SQLDataType.VARCHAR);
    static final Field<Long> ACTOR_CREATED = field(name("actors", "created_at"), SQLDataType.BIGINT);

    static final Table<Record> PHOTOSET_ACTORS = table(name("photoset_actors"));
    static final Field<UUID> PA_PHOTOSET = field(name("photoset_actors", "photoset_id"), SQLDataType.UUID);
    static final Field<UUID> PA_ACTOR = field(name("photoset_actors", "actor_id"), SQLDataType.UUID);
}
