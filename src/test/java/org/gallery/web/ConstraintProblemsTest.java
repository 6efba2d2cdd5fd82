package org.gallery.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A constraint violation that slips past the services' own checks (a race they did not foresee) is answered as the
 * conflict or the missing row it is, with the exceptions each database really raises.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class ConstraintProblemsTest {

    @Parameter
    Db db;

    @Test
    void aUniqueKeyIsA409AndAForeignKeyA404() {
        TestApp app = TestApp.of(db);
        String key = Factories.unique("dup");
        String insertTag = "insert into tags (id, name, name_key, created_at) values (?, ?, ?, 0)";
        app.sql().execute(insertTag, id(UUID.randomUUID()), key, key);
        var duplicate = catchThrowableOfType(RuntimeException.class,
                () -> app.sql().execute(insertTag, id(UUID.randomUUID()), key, key));
        var orphan = catchThrowableOfType(RuntimeException.class, () -> app.sql().execute(
                "insert into captions (id, image_id, text, source, is_current, created_at) values (?, ?, 'x', 'manual', 1, 0)",
                id(UUID.randomUUID()), id(UUID.randomUUID())));

        var conflict = new ProblemHandler().integrity(duplicate);
        assertThat(conflict.getStatusCode().value()).isEqualTo(409);
        assertThat(conflict.getBody().getDetail()).contains("concurrent request");
        var gone = new ProblemHandler().integrity(orphan);
        assertThat(gone.getStatusCode().value()).isEqualTo(404);
        assertThat(gone.getBody().getDetail()).contains("deleted meanwhile");
    }

    private Object id(UUID id) {
        return db == Db.POSTGRES ? id : id.toString();
    }
}
