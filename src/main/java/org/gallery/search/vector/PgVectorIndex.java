package org.gallery.search.vector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * pgvector's HNSW indexes inside the service's PostgreSQL database: every instance of the service reads and writes
 * the same {@code vector_items} rows, so they share one index by construction. Vectors are unit length and compared
 * by cosine distance ({@code <=>}). A search sets {@code hnsw.ef_search} for its own transaction; a filtered search
 * scans the allowed images exactly when they are few, and otherwise lets pgvector's iterative index scan go on until
 * k allowed images are found. {@link #sync} adds what the database stored since the last sync and reloads a model
 * whose count still differs (rows lost, or a delete missed while no instance ran).
 */
public final class PgVectorIndex implements VectorIndex {

    private static final Logger log = LoggerFactory.getLogger(PgVectorIndex.class);
    /**
     * Candidates the graph search keeps (hnsw.ef_search): 100 is near 0.95 recall@10 on hard data at 100,000
     * vectors, 200 leaves a margin (bench/vectors.sh).
     */
    static final int DEFAULT_EF_SEARCH = 200;
    /** pgvector's upper bound for hnsw.ef_search. */
    private static final int MAX_EF_SEARCH = 1000;
    /** Up to this many allowed images are compared one by one: exact, and faster than walking the graph. */
    static final int EXACT_LIMIT = 1000;
    /** How far an iterative scan may go looking for allowed images before it gives up. */
    private static final int MAX_SCAN_TUPLES = 200_000;
    private static final int BATCH = 500;

    private final DSLContext db;
    private final TransactionTemplate tx;
    private final PgVectorSchema schema;
    private final int efSearch;

    /** Enables the extension, or fails with what to install or which setting to change. */
    public PgVectorIndex(DSLContext db, TransactionTemplate tx) {
        this(db, tx, DEFAULT_EF_SEARCH);
    }

    public PgVectorIndex(DSLContext db, TransactionTemplate tx, int efSearch) {
        this.db = db;
        this.tx = tx;
        this.schema = new PgVectorSchema(db, tx);
        this.efSearch = efSearch;
        schema.requireExtension();
    }

    @Override
    public String name() {
        return "pgvector";
    }

    @Override
    public void sync(String model, VectorSource source) {
        try {
            tx.executeWithoutResult(s -> catchUp(model, source));
        } catch (RuntimeException e) {
            schema.forget(model); // the indexes it dropped inside the rolled back transaction are back
            throw e;
        }
    }

    private void catchUp(String model, VectorSource source) {
        // one instance at a time per model; the others then find it level
        db.fetch("SELECT pg_advisory_xact_lock(hashtext(?))", "gallery.vector_models:" + model);
        VectorSource.State state = source.state(model);
        Long madeUpTo = db.fetchOptional("SELECT made_up_to FROM vector_models WHERE model = ?", model)
                .map(r -> r.get(0, Long.class)).orElse(null);
        long from = madeUpTo == null ? 0 : madeUpTo;
        if (state.count() > 0 && state.newestMadeAt() >= from) {
            try (var batch = new Batch(model)) {
                source.forEach(model, from, batch::add);
            }
        }
        long rows = db.fetchOne("SELECT count(*) FROM vector_items WHERE model = ?", model).get(0, Long.class);
        if (rows != state.count()) {
            log.info("Reloading the pgvector index of {} from the database ({} vectors, the index had {})", model,
                    state.count(), rows);
            schema.dropIndexes(model);
            db.execute("DELETE FROM vector_items WHERE model = ?", model);
            try (var batch = new Batch(model)) {
                source.forEach(model, 0, batch::add);
            }
        }
        for (Integer dimension : db.fetch("SELECT DISTINCT dimension FROM vector_items WHERE model = ?", model)
                .getValues(0, Integer.class)) {
            schema.createIndex(model, dimension);
        }
        db.execute("INSERT INTO vector_models (model, made_up_to) VALUES (?, ?) "
                + "ON CONFLICT (model) DO UPDATE SET made_up_to = excluded.made_up_to", model, state.newestMadeAt());
    }

    @Override
    public void put(String model, UUID imageId, float[] vector) {
        schema.ensureIndex(model, vector.length);
        upsert(model, imageId, vector).execute();
    }

    private org.jooq.Query upsert(String model, UUID imageId, float[] vector) {
        return db.query("INSERT INTO vector_items (model, image_id, dimension, v) VALUES (?, ?, ?, ?::real[]) "
                + "ON CONFLICT (model, image_id) DO UPDATE SET dimension = excluded.dimension, v = excluded.v",
                model, imageId, vector.length, text(vector, '{', '}'));
    }

    /** Upserts in batches, inside the caller's transaction. */
    private final class Batch implements AutoCloseable {
        private final String model;
        private final List<org.jooq.Query> queries = new ArrayList<>(BATCH);

        Batch(String model) {
            this.model = model;
        }

        void add(UUID imageId, float[] vector) {
            if (vector.length > PgVectorSchema.MAX_DIMENSION) {
                schema.createIndex(model, vector.length); // refuses it with the setting to change
            }
            queries.add(upsert(model, imageId, vector));
            if (queries.size() == BATCH) {
                close();
            }
        }

        @Override
        public void close() {
            if (!queries.isEmpty()) {
                db.batch(queries).execute();
                queries.clear();
            }
        }
    }

    @Override
    public void remove(UUID imageId) {
        db.execute("DELETE FROM vector_items WHERE image_id = ?", imageId);
    }

    @Override
    public List<Hit> search(String model, float[] query, int k, @Nullable Collection<UUID> allowed) {
        if (allowed != null && allowed.isEmpty() || k <= 0) {
            return List.of();
        }
        int dimension = query.length;
        String vector = PgVectorSchema.vectorOf(dimension);
        String q = "?::vector(" + dimension + ")";
        String rows = schema.rowsOf(model, dimension);
        List<Hit> hits = tx.execute(s -> {
            List<Object> binds = new ArrayList<>(List.of(text(query, '[', ']')));
            String sql;
            if (allowed != null && allowed.size() <= EXACT_LIMIT) {
                // materialised first, so the distance is computed for these rows only and never read off the graph
                sql = "WITH allowed AS MATERIALIZED (SELECT image_id, v FROM vector_items WHERE " + rows
                        + " AND image_id = ANY(?)) SELECT image_id, " + vector + " <=> " + q + " AS d FROM allowed "
                        + "ORDER BY d LIMIT " + k;
                binds.addFirst(DSL.val(allowed.toArray(UUID[]::new), SQLDataType.UUID.array()));
            } else {
                setLocal("hnsw.ef_search", Math.min(MAX_EF_SEARCH, Math.max(efSearch, k)));
                String filter = "";
                if (allowed != null || k > MAX_EF_SEARCH) {
                    // the graph walk goes on past ef_search until k rows pass the filter (or the scan limit)
                    setLocal("hnsw.iterative_scan", "relaxed_order");
                    setLocal("hnsw.max_scan_tuples", MAX_SCAN_TUPLES);
                }
                if (allowed != null) {
                    // the array as a constant, so that PostgreSQL looks ids up in a hash table, not a list
                    setLocal("plan_cache_mode", "force_custom_plan");
                    filter = " AND image_id = ANY(?)";
                    binds.add(DSL.val(allowed.toArray(UUID[]::new), SQLDataType.UUID.array()));
                }
                sql = "SELECT image_id, " + vector + " <=> " + q + " AS d FROM vector_items WHERE " + rows + filter
                        + " ORDER BY " + vector + " <=> " + q + " LIMIT " + k;
                binds.add(binds.getFirst());
            }
            List<Hit> found = new ArrayList<>(k);
            for (Record r : db.fetch(sql, binds.toArray())) {
                found.add(new Hit(r.get(0, UUID.class), (float) (1 - r.get(1, Double.class))));
            }
            // relaxed_order may return neighbours slightly out of order
            found.sort(Comparator.comparingDouble(h -> -h.score()));
            return found;
        });
        return hits == null ? List.of() : hits;
    }

    private void setLocal(String setting, Object value) {
        db.fetch("SELECT set_config(?, ?, true)", setting, value.toString());
    }

    /** A vector as PostgreSQL reads it: {@code {…}} for real[], {@code […]} for pgvector; exact float text. */
    static String text(float[] vector, char open, char close) {
        StringBuilder s = new StringBuilder(vector.length * 12).append(open);
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(vector[i]);
        }
        return s.append(close).toString();
    }
}
