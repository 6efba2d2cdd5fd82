package org.gallery.migration;

import org.gallery.testing.Db;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the migration tools' tests start from: on each database in turn, an old collection's folders and a new
 * store ({@link MigrationEnv}), removed afterwards. A subclass's own {@code @BeforeEach} runs after this one, so it
 * can fill {@link #env} before its tests.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
public abstract class MigrationTestCase {

    @Parameter
    protected Db db;

    protected MigrationEnv env;

    @BeforeEach
    final void createEnv() {
        env = MigrationEnv.create(db);
    }

    @AfterEach
    final void closeEnv() {
        env.close();
    }
}
