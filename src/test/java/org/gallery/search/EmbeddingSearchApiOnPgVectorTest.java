package org.gallery.search;

import java.util.Map;
import java.util.stream.Stream;
import org.gallery.testing.Db;
import org.gallery.testing.PgVectorDatabase;

/** The same searches with the vectors indexed by pgvector inside PostgreSQL. */
class EmbeddingSearchApiOnPgVectorTest extends EmbeddingSearchApiTest {

    static Stream<Db> databases() {
        return Stream.of(Db.POSTGRES);
    }

    @Override
    Map<String, String> settings(Map<String, String> settings) {
        return PgVectorDatabase.vectorStore(settings);
    }
}
