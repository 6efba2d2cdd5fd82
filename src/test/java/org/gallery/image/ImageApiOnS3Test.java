package org.gallery.image;

import java.util.stream.Stream;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;

/**
 * The same tests with the files in an S3 bucket (uploads, originals with ranges, deletes); the files
 * behave the same on every database, so one is enough.
 */
class ImageApiOnS3Test extends ImageApiTest {

    protected static Stream<Db> databases() {
        return Stream.of(Db.SQLITE);
    }

    @Override
    protected TestApp start() {
        return TestApp.onS3(db);
    }
}
