package org.gallery.image;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

final class ImageTables {

    private ImageTables() {
    }

    static final Table<Record> IMAGES = table(name("images"));
    static final Field<UUID> ID = field(name("images", "id"), SQLDataType.UUID);
    static final Field<UUID> PHOTOSET_ID = field(name("images", "photoset_id"), SQLDataType.UUID);
    static final Field<String> FILE_NAME = field(name("images", "file_name"), SQLDataType.VARCHAR);
    static final Field<String> ORIGINAL_FILENAME = field(name("images", "original_filename"), SQLDataType.VARCHAR);
    static final Field<String> REL_PATH = field(name("images", "rel_path"), SQLDataType.VARCHAR);
    static final Field<String> FORMAT = field(name("images", "format"), SQLDataType.VARCHAR);
    static final Field<String> MIME_TYPE = field(name("images", "mime_type"), SQLDataType.VARCHAR);
    static final Field<Long> BYTES = field(name("images", "bytes"), SQLDataType.BIGINT);
    static final Field<String> SHA256 = field(name("images", "sha256"), SQLDataType.VARCHAR);
    static final Field<Integer> WIDTH = field(name("images", "width"), SQLDataType.INTEGER);
    static final Field<Integer> HEIGHT = field(name("images", "height"), SQLDataType.INTEGER);
    static final Field<Integer> ORIENTATION = field(name("images", "orientation"), SQLDataType.INTEGER);
    static final Field<Long> TAKEN_AT = field(name("images", "taken_at"), SQLDataType.BIGINT);
    static final Field<Long> SORT_TAKEN = field(name("images", "sort_taken"), SQLDataType.BIGINT);
    static final Field<String> CAMERA = field(name("images", "camera"), SQLDataType.VARCHAR);
    static final Field<Long> CREATED_AT = field(name("images", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> UPDATED_AT = field(name("images", "updated_at"), SQLDataType.BIGINT);
    /** Who uploaded it through the API; empty for images the migration toolkit took in. */
    static final Field<String> UPLOADED_BY = field(name("images", "uploaded_by"), SQLDataType.VARCHAR);

    /** Every column, typed: a plain-SQL table has no typed fields of its own. */
    static final java.util.List<Field<?>> COLUMNS = java.util.List.of(ID, PHOTOSET_ID, FILE_NAME, ORIGINAL_FILENAME,
            REL_PATH, FORMAT, MIME_TYPE, BYTES, SHA256, WIDTH, HEIGHT, ORIENTATION, TAKEN_AT, SORT_TAKEN, CAMERA,
            CREATED_AT, UPDATED_AT);
}
