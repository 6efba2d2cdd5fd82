package org.gallery.image;

import java.util.stream.Stream;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;

/** Bulk moves and deletes with the files in an S3 bucket: the moved files are new keys, the old ones go. */
class ImageBulkApiOnS3Test extends ImageBulkApiTest {

    protected static Stream<Db> databases() {
        return Stream.of(Db.SQLITE);
    }

    @Override
    protected TestApp start() {
        return TestApp.onS3(db);
    }
}
