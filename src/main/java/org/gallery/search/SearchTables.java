package org.gallery.search;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The search feature's tables (changelogs 006_search, 007_embeddings), and the image columns it reads. */
final class SearchTables {

    private SearchTables() {
    }

    static final Table<Record> IMAGE_HASHES = table(name("image_hashes"));
    static final Field<UUID> H_IMAGE = field(name("image_hashes", "image_id"), SQLDataType.UUID);
    static final Field<Long> H_PHASH = field(name("image_hashes", "phash"), SQLDataType.BIGINT);
    static final Field<Long> H_DHASH = field(name("image_hashes", "dhash"), SQLDataType.BIGINT);
    static final Field<Long> H_MADE = field(name("image_hashes", "made_at"), SQLDataType.BIGINT);

    static final Table<Record> DOCUMENTS = table(name("search_documents"));
    static final Field<UUID> D_IMAGE = field(name("search_documents", "image_id"), SQLDataType.UUID);

    static final Table<Record> EMBEDDINGS = table(name("embeddings"));
    static final Field<UUID> E_IMAGE = field(name("embeddings", "image_id"), SQLDataType.UUID);
    static final Field<String> E_MODEL = field(name("embeddings", "model"), SQLDataType.VARCHAR);
    static final Field<Integer> E_DIMENSION = field(name("embeddings", "dimension"), SQLDataType.INTEGER);
    static final Field<byte[]> E_VECTOR = field(name("embeddings", "vector"), SQLDataType.BLOB);
    static final Field<Long> E_MADE = field(name("embeddings", "made_at"), SQLDataType.BIGINT);

    static final Table<Record> IMAGES = table(name("images"));
    static final Field<UUID> I_ID = field(name("images", "id"), SQLDataType.UUID);
    static final Field<UUID> I_PHOTOSET = field(name("images", "photoset_id"), SQLDataType.UUID);
    static final Field<Integer> I_WIDTH = field(name("images", "width"), SQLDataType.INTEGER);
    static final Field<Integer> I_HEIGHT = field(name("images", "height"), SQLDataType.INTEGER);
    static final Field<Long> I_BYTES = field(name("images", "bytes"), SQLDataType.BIGINT);
    static final Field<Long> I_CREATED = field(name("images", "created_at"), SQLDataType.BIGINT);
}
