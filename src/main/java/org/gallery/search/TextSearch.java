package org.gallery.search;

import static org.gallery.search.SearchTables.*;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * Ranked matches from each database's own full-text engine, every word required: SQLite's FTS5 ranked by bm25
 * (caption 4, tags 2, file names and photoset name 1), PostgreSQL's tsvector ranked by ts_rank (weights A caption,
 * B tags, C the rest). Both stem English words. Filters go into the same query, so a page is always full.
 */
@Component
class TextSearch {

    record Hit(UUID imageId, double score) {
    }

    private static final Field<UUID> DOC_IMAGE = field(name("search_documents", "image_id"), SQLDataType.UUID);
    private static final Field<Double> SCORE = field(name("score"), SQLDataType.DOUBLE);

    private final DSLContext db;

    TextSearch(DSLContext db) {
        this.db = db;
    }

    /** Up to {@code limit} hits from {@code offset}, best first; {@code words} are letters and digits only. */
    List<Hit> search(List<String> words, Condition filters, int offset, int limit) {
        boolean sqlite = db.dialect().family() == SQLDialect.SQLITE;
        Field<Double> score;
        Condition match;
        Table<?> from;
        if (sqlite) {
            // each word quoted: FTS5 query syntax (NEAR, column filters, operators) is not the user's to write
            String expression = String.join(" ", words.stream().map(w -> "\"" + w + "\"").toList());
            score = field("-bm25(search_fts, 4.0, 1.0, 1.0, 2.0)", SQLDataType.DOUBLE);
            match = condition("search_fts MATCH {0}", val(expression));
            from = table(name("search_fts")).join(DOCUMENTS)
                    .on(condition("search_documents.doc_id = search_fts.rowid"));
        } else {
            String text = String.join(" ", words);
            score = field("ts_rank(search_documents.document, plainto_tsquery('english', {0}))::float8",
                    SQLDataType.DOUBLE, val(text));
            match = condition("search_documents.document @@ plainto_tsquery('english', {0})", val(text));
            from = DOCUMENTS;
        }
        return db.select(DOC_IMAGE, score.as(SCORE.getName()))
                .from(from.join(IMAGES).on(I_ID.eq(DOC_IMAGE)))
                .where(match).and(filters)
                .orderBy(SCORE.desc(), DOC_IMAGE)
                .limit(limit).offset(offset)
                .fetch(r -> new Hit(r.value1(), r.value2()));
    }
}
