package org.gallery.search.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.gallery.config.DatabaseUrl;
import org.gallery.search.embedding.Vectors;
import org.gallery.testing.PgVectorDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * pgvector in the test PostgreSQL server: the shared contract, filters too wide for an exact scan, catching up from
 * the database, two instances on one database, and the start-up errors that name the setting.
 */
class PgVectorIndexTest extends VectorIndexContract {

    private final List<PgVectorDatabase> databases = new ArrayList<>();

    @AfterEach
    void closeDatabases() {
        databases.forEach(PgVectorDatabase::close);
    }

    private PgVectorDatabase database() {
        databases.add(PgVectorDatabase.create());
        return databases.getLast();
    }

    @Override
    protected VectorIndex open() {
        var d = database();
        return new PgVectorIndex(d.db(), d.tx());
    }

    @Test
    void aFilterTooWideForAnExactScanStillBringsKAllowedImagesFromFarAway() {
        Random random = new Random(11);
        float[] query = random(random);
        List<UUID> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        Set<UUID> allowed = new HashSet<>();
        for (int i = 0; i < 4000; i++) {
            float[] v = random(random);
            ids.add(UUID.randomUUID());
            vectors.add(v);
            // the allowed images all point away from the query: a graph walk meets them last
            if (Vectors.dot(v, query) < -0.05 && allowed.size() < PgVectorIndex.EXACT_LIMIT + 200) {
                allowed.add(ids.getLast());
            }
        }
        assertThat(allowed).hasSizeGreaterThan(PgVectorIndex.EXACT_LIMIT);
        var d = database();
        var index = new PgVectorIndex(d.db(), d.tx());
        index.sync(MODEL, source(ids, vectors, new int[1]));
        List<VectorIndex.Hit> hits = index.search(MODEL, query, 10, allowed);
        assertThat(hits).hasSize(10).allMatch(h -> allowed.contains(h.imageId()));
        List<UUID> truth = exact(ids, vectors, query, 10, allowed);
        assertThat(hits.stream().filter(h -> truth.contains(h.imageId())).count()).isGreaterThanOrEqualTo(9);
    }

    /** The database's vectors as the given lists hold them, all made at one moment; counts the reads. */
    private static VectorSource source(List<UUID> ids, List<float[]> vectors, int[] reads) {
        return new VectorSource() {
            @Override
            public State state(String model) {
                return new State(ids.size(), 1000);
            }

            @Override
            public void forEach(String model, long madeAtFrom, BiConsumer<UUID, float[]> action) {
                reads[0]++;
                for (int i = 0; i < ids.size(); i++) {
                    action.accept(ids.get(i), vectors.get(i));
                }
            }
        };
    }

    @Test
    void syncLoadsWhatTheDatabaseHoldsAndASecondInstanceSharesIt() {
        Random random = new Random(3);
        List<UUID> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(UUID.randomUUID());
            vectors.add(random(random));
        }
        int[] reads = {0};
        VectorSource source = source(ids, vectors, reads);
        var d = database();
        var first = new PgVectorIndex(d.db(), d.tx());
        first.sync(MODEL, source);
        var second = new PgVectorIndex(d.db(), d.tx());
        assertThat(second.search(MODEL, vectors.get(7), 1, null).getFirst().imageId()).isEqualTo(ids.get(7));

        // a delete the index missed: the next sync finds the count off and reloads
        UUID gone = ids.removeLast();
        vectors.removeLast();
        second.sync(MODEL, source);
        assertThat(first.search(MODEL, random(random), 400, null)).hasSize(ids.size())
                .noneMatch(h -> h.imageId().equals(gone));
        assertThat(d.db().fetchOne("SELECT count(*) FROM pg_indexes WHERE indexname = ?",
                PgVectorSchema.indexName(MODEL, DIMENSION)).get(0, Long.class)).isOne();

        // level: only the newest moment is read again, nothing is reloaded
        int before = reads[0];
        first.sync(MODEL, source);
        assertThat(reads[0]).isEqualTo(before + 1);
        assertThat(d.db().fetchOne("SELECT count(*) FROM vector_items").get(0, Long.class)).isEqualTo(ids.size());
    }

    @Test
    void vectorsLongerThanPgVectorIndexesAreRefusedWithTheSettingToChange() {
        try (var index = open()) {
            assertThatThrownBy(() -> index.put(MODEL, UUID.randomUUID(),
                    new float[PgVectorSchema.MAX_DIMENSION + 1])).hasMessageContaining("VECTOR_STORE");
        }
    }

    @Test
    void onSqliteTheStartUpErrorNamesTheSetting(@TempDir Path dir) {
        var url = DatabaseUrl.sqliteFile(dir.resolve("g.db"));
        var source = new SingleConnectionDataSource(url.jdbcUrl(), true);
        try {
            var db = DSL.using(source, SQLDialect.SQLITE);
            assertThatThrownBy(() -> new PgVectorIndex(db, null)).hasMessageContaining("VECTOR_STORE=pgvector")
                    .hasMessageContaining("VECTOR_STORE=lucene");
        } finally {
            source.destroy();
        }
    }

    @Test
    void onAPostgreSqlWithoutTheExtensionTheStartUpErrorSaysWhatToInstall() throws Exception {
        // the embedded PostgreSQL the tests start from a jar carries no pgvector
        try (var pg = EmbeddedPostgres.builder().start()) {
            var db = DSL.using(pg.getPostgresDatabase(), SQLDialect.POSTGRES);
            assertThatThrownBy(() -> new PgVectorIndex(db, null)).hasMessageContaining("VECTOR_STORE=pgvector")
                    .hasMessageContaining("install pgvector");
        }
    }

    @Test
    void versionsAreComparedByNumber() {
        assertThat(PgVectorSchema.atLeast("0.8.0", new int[] {0, 8, 0})).isTrue();
        assertThat(PgVectorSchema.atLeast("0.10.1", new int[] {0, 8, 0})).isTrue();
        assertThat(PgVectorSchema.atLeast("0.7.4", new int[] {0, 8, 0})).isFalse();
    }
}
