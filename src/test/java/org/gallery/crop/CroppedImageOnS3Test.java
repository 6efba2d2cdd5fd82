package org.gallery.crop;

import java.util.stream.Stream;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;

/**
 * The same tests with the files in an S3 bucket (crops made from the bucket's
 * original, kept there and forgotten when the crop changes); the files
 * behave the same on every database, so one is enough.
 */
class CroppedImageOnS3Test extends CroppedImageTest {

    protected static Stream<Db> databases() {
        return Stream.of(Db.SQLITE);
    }

    @Override
    protected TestApp start() {
        return TestApp.onS3(db);
    }
}
