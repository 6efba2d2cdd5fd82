package org.gallery.export;

import java.util.stream.Stream;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;

/**
 * The same tests with the files in an S3 bucket (exports built from the bucket's originals, stored there,
 * downloaded with ranges, expired); the files behave the same on every database, so one is enough.
 */
class ExportApiOnS3Test extends ExportApiTest {

    protected static Stream<Db> databases() {
        return Stream.of(Db.SQLITE);
    }

    @Override
    protected TestApp start() {
        return TestApp.onS3(db);
    }
}
