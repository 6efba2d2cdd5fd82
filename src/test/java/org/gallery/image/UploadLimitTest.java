package org.gallery.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class UploadLimitTest {

    @Parameter
    Db db;

    @Test
    void uploadOverTheLimitIs413AndStoresNothing() throws Exception {
        TestApp app = TestApp.startWith(db, Map.of("MAX_UPLOAD_MB", "1"));
        try {
            byte[] big = new byte[3 * 1024 * 1024];
            big[0] = (byte) 0xFF;
            big[1] = (byte) 0xD8;
            big[2] = (byte) 0xFF;
            var r = app.api.upload("big.jpg", big, Map.of());
            assertThat(r.status()).as(r.toString()).isEqualTo(413);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).contains("MAX_UPLOAD_MB");
            assertThat(app.api.get("/api/v2/images").json().get("items").size()).isZero();
            try (var files = java.nio.file.Files.walk(app.imagesDir())) {
                assertThat(files.filter(java.nio.file.Files::isRegularFile).count()).isZero();
            }
        } finally {
            app.close();
        }
    }
}
