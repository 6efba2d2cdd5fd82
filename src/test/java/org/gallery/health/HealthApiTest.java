package org.gallery.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.gallery.testing.Db;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class HealthApiTest {

    @Parameter
    Db db;

    @Test
    void reportsEachDependency() {
        var r = TestApp.of(db).api.get("/api/v2/health");
        assertThat(r.status()).isEqualTo(200);
        var body = r.json();
        assertThat(body.get("status").asString()).isEqualTo("ok");
        assertThat(body.get("version").asString()).isNotBlank();
        assertThat(body.get("database").get("kind").asString()).isEqualTo(db == Db.SQLITE ? "sqlite" : "postgresql");
        assertThat(body.get("database").get("status").asString()).isEqualTo("up");
        assertThat(body.get("cache").get("kind").asString()).isEqualTo(db == Db.SQLITE ? "caffeine" : "redis");
        assertThat(body.get("cache").get("status").asString()).isEqualTo("up");
        assertThat(body.get("storage").get("writable").asBoolean()).isTrue();
        assertThat(body.get("storage").get("free_bytes").asLong()).isPositive();
    }
}
