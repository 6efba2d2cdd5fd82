package org.gallery.search;

import java.util.Map;
import java.util.stream.Stream;
import org.gallery.testing.Db;
import org.gallery.testing.PgVectorDatabase;
import org.gallery.testing.TestApp;

/** The same lifecycle with the vectors indexed by pgvector: a lost index is its emptied rows. */
class EmbeddingLifecycleOnPgVectorTest extends EmbeddingLifecycleTest {

    static Stream<Db> databases() {
        return Stream.of(Db.POSTGRES);
    }

    @Override
    Map<String, String> settings(Map<String, String> settings) {
        return PgVectorDatabase.vectorStore(settings);
    }

    @Override
    void loseTheIndex(TestApp stopped) {
        PgVectorDatabase.execute(stopped.settings.database(), "DELETE FROM vector_items", "DELETE FROM vector_models");
    }
}
