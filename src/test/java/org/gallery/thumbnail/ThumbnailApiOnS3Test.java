package org.gallery.thumbnail;

import java.util.stream.Stream;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;

/**
 * The same tests with the files in an S3 bucket (thumbnails made, served, remade and deleted); the files
 * behave the same on every database, so one is enough.
 */
class ThumbnailApiOnS3Test extends ThumbnailApiTest {

    protected static Stream<Db> databases() {
        return Stream.of(Db.SQLITE);
    }

    @Override
    protected TestApp start() {
        return TestApp.onS3(db);
    }
}
