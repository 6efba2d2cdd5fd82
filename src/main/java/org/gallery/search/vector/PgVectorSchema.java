package org.gallery.search.vector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pgvector parts of the schema the changelog cannot hold: the extension itself, which not every PostgreSQL
 * server has, and one HNSW index per model and dimension (an indexed vector needs a fixed dimension, and models are
 * known only when they are met). Each is a partial expression index over the shared {@code vector_items} table:
 * {@code (v::vector(N)) vector_cosine_ops WHERE model = '...' AND dimension = N}; queries repeat that expression
 * and predicate literally so that the planner picks it.
 */
final class PgVectorSchema {

    /** pgvector indexes vectors of up to this many dimensions with HNSW. */
    static final int MAX_DIMENSION = 2000;
    /** Iterative index scans, which let a filtered search return k results, arrived in this version. */
    private static final int[] MIN_VERSION = {0, 8, 0};
    /**
     * The graph of 100,000 vectors of 512 dimensions is built in memory only with about this much; a server set up
     * for more (a million such vectors need about 4 GB) keeps its own setting, as a smaller one makes the build spill
     * to disk and take many times longer.
     */
    private static final String BUILD_MEMORY = "1GB";

    private final DSLContext db;
    private final TransactionTemplate tx;
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();

    PgVectorSchema(DSLContext db, TransactionTemplate tx) {
        this.db = db;
        this.tx = tx;
    }

    /** Creates the extension, or says why it cannot and which setting avoids it. */
    void requireExtension() {
        if (db.dialect().family() != SQLDialect.POSTGRES) {
            throw new IllegalStateException("VECTOR_STORE=pgvector keeps the vectors in PostgreSQL, and DATABASE_URL "
                    + "names " + db.dialect().family().getName() + ": use VECTOR_STORE=lucene (or auto) with it");
        }
        String available = db.fetchOptional("SELECT default_version FROM pg_available_extensions WHERE name = 'vector'")
                .map(r -> r.get(0, String.class)).orElse(null);
        if (available == null) {
            throw new IllegalStateException("VECTOR_STORE=pgvector needs the pgvector extension, which this "
                    + "PostgreSQL server does not have: install pgvector 0.8 or later for it (see the README), "
                    + "or use VECTOR_STORE=lucene (or auto)");
        }
        try {
            db.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (RuntimeException e) {
            throw new IllegalStateException("VECTOR_STORE=pgvector: the pgvector extension is installed on the server "
                    + "but cannot be enabled in this database (" + e.getMessage() + "); a superuser can run "
                    + "CREATE EXTENSION vector in it, or use VECTOR_STORE=lucene (or auto)", e);
        }
        String version = db.fetchOne("SELECT extversion FROM pg_extension WHERE extname = 'vector'").get(0, String.class);
        if (!atLeast(version, MIN_VERSION)) {
            throw new IllegalStateException("VECTOR_STORE=pgvector needs pgvector 0.8 or later (filtered searches "
                    + "use its iterative index scans), and this database has " + version
                    + ": ALTER EXTENSION vector UPDATE after installing a newer one, or use VECTOR_STORE=lucene");
        }
    }

    static boolean atLeast(String version, int[] min) {
        String[] parts = version.split("[.]");
        for (int i = 0; i < min.length; i++) {
            int part = i < parts.length ? Integer.parseInt(parts[i].replaceAll("\\D.*", "")) : 0;
            if (part != min[i]) {
                return part > min[i];
            }
        }
        return true;
    }

    /** Makes sure the HNSW index of the model's vectors of this dimension exists. */
    void ensureIndex(String model, int dimension) {
        if (!indexed.contains(key(model, dimension))) {
            tx.executeWithoutResult(s -> createIndex(model, dimension));
        }
    }

    /** Inside the caller's transaction; other instances wait for the one that builds it. */
    void createIndex(String model, int dimension) {
        if (dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("The pgvector vector store indexes vectors of up to " + MAX_DIMENSION
                    + " values, not " + dimension + ": choose another VECTOR_STORE for this model");
        }
        db.fetch("SELECT pg_advisory_xact_lock(hashtext('gallery.vector_items'))");
        db.fetch("SELECT set_config('maintenance_work_mem', ?, true) WHERE pg_size_bytes(current_setting("
                + "'maintenance_work_mem')) < pg_size_bytes(?)", BUILD_MEMORY, BUILD_MEMORY);
        db.execute("CREATE INDEX IF NOT EXISTS " + indexName(model, dimension) + " ON vector_items USING hnsw (("
                + vectorOf(dimension) + ") vector_cosine_ops) WHERE " + rowsOf(model, dimension));
        indexed.add(key(model, dimension));
    }

    /** Drops every index of the model, before its rows are loaded again (building afterwards is much faster). */
    void dropIndexes(String model) {
        for (String name : db.fetch("SELECT indexname FROM pg_indexes WHERE tablename = 'vector_items' "
                + "AND indexname LIKE ?", indexPrefix(model) + "%").getValues(0, String.class)) {
            db.execute("DROP INDEX IF EXISTS " + name);
        }
        forget(model);
    }

    /** Checks again whether the model's indexes exist before they are next used. */
    void forget(String model) {
        indexed.removeIf(k -> k.startsWith(model + "\0"));
    }

    /** The indexed expression: the stored array as a vector of fixed dimension. */
    static String vectorOf(int dimension) {
        return "v::vector(" + dimension + ")";
    }

    /** The index predicate, with the model as a literal as the planner must see it to match the partial index. */
    String rowsOf(String model, int dimension) {
        return "model = " + db.renderInlined(DSL.inline(model)) + " AND dimension = " + dimension;
    }

    static String indexName(String model, int dimension) {
        return indexPrefix(model) + dimension;
    }

    /** Index names must be identifiers of at most 63 bytes: a hash of the model name stands for it. */
    private static String indexPrefix(String model) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(model.getBytes(StandardCharsets.UTF_8));
            return "vector_items_hnsw_" + HexFormat.of().formatHex(hash, 0, 8) + "_";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String model, int dimension) {
        return model + "\0" + dimension;
    }
}
