package org.gallery.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gallery.imaging.HeifFiles;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;

/** With the pure-Java engine (a machine without libvips) HEIC and AVIF are refused clearly, nothing stored. */
class HeifWithoutLibvipsTest {

    @Test
    void heicAndAvifAre415WithTheJavaEngine() {
        try (TestApp app = TestApp.startWith(Db.SQLITE, Map.of("IMAGE_ENGINE", "java"))) {
            for (boolean avif : new boolean[] {false, true}) {
                var r = app.api.upload(avif ? "phone.avif" : "phone.heic", HeifFiles.headerOnly(avif), Map.of());
                assertThat(r.status()).as(r.toString()).isEqualTo(415);
                assertThat(r.json().get("detail").asString()).contains(avif ? "AVIF" : "HEIC", "IMAGE_ENGINE=vips");
            }
            assertThat(app.api.get("/api/v2/images").json().get("items")).isEmpty();
        }
    }
}
