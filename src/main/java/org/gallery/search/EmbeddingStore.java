package org.gallery.search;

import static org.gallery.search.SearchTables.*;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.gallery.search.embedding.Vectors;
import org.gallery.search.vector.VectorSource;
import org.gallery.shared.Times;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code embeddings} table: one vector per image and model, the truth every vector index is built from. */
@Component
class EmbeddingStore implements VectorSource {

    private static final int FETCH_SIZE = 1000;

    private final DSLContext db;
    private final TransactionTemplate tx;

    EmbeddingStore(DSLContext db, TransactionTemplate tx) {
        this.db = db;
        this.tx = tx;
    }

    /**
     * Stores the image's vector of {@code model} and drops its vectors of other models, which that one replaces.
     * Returns false when the image was deleted meanwhile.
     */
    boolean store(UUID imageId, String model, float[] vector) {
        Boolean stored = tx.execute(s -> {
            if (!db.fetchExists(IMAGES, I_ID.eq(imageId))) {
                return false;
            }
            long now = Times.now();
            byte[] bytes = Vectors.toBytes(vector);
            db.insertInto(EMBEDDINGS)
                    .set(E_IMAGE, imageId).set(E_MODEL, model).set(E_DIMENSION, vector.length).set(E_VECTOR, bytes)
                    .set(E_MADE, now)
                    .onConflict(E_IMAGE, E_MODEL).doUpdate()
                    .set(E_DIMENSION, vector.length).set(E_VECTOR, bytes).set(E_MADE, now)
                    .execute();
            db.deleteFrom(EMBEDDINGS).where(E_IMAGE.eq(imageId)).and(E_MODEL.ne(model)).execute();
            return true;
        });
        return Boolean.TRUE.equals(stored);
    }

    Optional<float[]> vector(UUID imageId, String model) {
        return db.select(E_VECTOR).from(EMBEDDINGS).where(E_IMAGE.eq(imageId)).and(E_MODEL.eq(model))
                .fetchOptional(E_VECTOR).map(Vectors::fromBytes);
    }

    Optional<Integer> dimension(String model) {
        return db.select(E_DIMENSION).from(EMBEDDINGS).where(E_MODEL.eq(model)).limit(1).fetchOptional(E_DIMENSION);
    }

    long count(String model) {
        return db.fetchCount(EMBEDDINGS, E_MODEL.eq(model));
    }

    /** Images with a vector of another model only: the job replaces them. */
    long stale(String model) {
        return db.fetchCount(DSL.selectDistinct(E_IMAGE).from(EMBEDDINGS).where(E_MODEL.ne(model))
                .andNotExists(DSL.selectOne().from(EMBEDDINGS.as("current"))
                        .where(DSL.field(DSL.name("current", "image_id"), UUID.class).eq(E_IMAGE))
                        .and(DSL.field(DSL.name("current", "model"), String.class).eq(model))));
    }

    /** Of the images {@code selection} picks, those without a vector of {@code model}, oldest first. */
    List<UUID> missing(String model, Condition selection) {
        return db.select(I_ID).from(IMAGES).where(selection)
                .andNotExists(DSL.selectOne().from(EMBEDDINGS).where(E_IMAGE.eq(I_ID)).and(E_MODEL.eq(model)))
                .orderBy(I_CREATED, I_ID).fetch(I_ID);
    }

    /** Every image {@code selection} picks, oldest first. */
    List<UUID> all(Condition selection) {
        return db.select(I_ID).from(IMAGES).where(selection).orderBy(I_CREATED, I_ID).fetch(I_ID);
    }

    @Override
    public State state(String model) {
        var r = db.select(DSL.count(), DSL.max(E_MADE)).from(EMBEDDINGS).where(E_MODEL.eq(model)).fetchOne();
        return new State(r.value1(), r.value2() == null ? 0 : r.value2());
    }

    @Override
    public void forEach(String model, long madeAtFrom, BiConsumer<UUID, float[]> action) {
        // a cursor in pages of rows: a million vectors never sit in memory at once
        Runnable read = () -> {
            try (var cursor = db.select(E_IMAGE, E_VECTOR).from(EMBEDDINGS)
                    .where(E_MODEL.eq(model)).and(E_MADE.ge(madeAtFrom)).fetchSize(FETCH_SIZE).fetchLazy()) {
                cursor.forEach(r -> action.accept(r.value1(), Vectors.fromBytes(r.value2())));
            }
        };
        if (db.dialect().family() == SQLDialect.SQLITE) {
            // every SQLite transaction here is a writer holding the write turn, for as long as the index takes to
            // build from the rows (minutes for a million): one statement outside a transaction reads one snapshot
            // of the WAL instead, and uploads and edits go on meanwhile
            read.run();
        } else {
            // PostgreSQL streams rows through a cursor only inside a transaction
            tx.executeWithoutResult(s -> read.run());
        }
    }
}
