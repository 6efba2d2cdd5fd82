package org.gallery.testing;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What most API tests start from: the app on each database in turn, a client signed in as an admin, and factories
 * for the data a test needs. A variant names its own {@code databases()} or starts the app with other settings
 * (another file store, another vector index) by overriding {@link #start()}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("databases")
public abstract class ApiTestCase {

    @Parameter
    protected Db db;

    protected TestApp app;
    protected Api api;
    protected Factories make;

    /** Every database. */
    protected static Stream<Db> databases() {
        return Stream.of(Db.values());
    }

    /** The app under test. */
    protected TestApp start() {
        return TestApp.of(db);
    }

    @BeforeEach
    final void startApp() {
        app = start();
        api = app.api;
        make = new Factories(api);
    }
}
