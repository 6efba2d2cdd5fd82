package org.gallery.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;

/** IMAGE_CACHE_SIZE_MB=0: thumbnails go from disk to the socket (sendfile), with the same answers as from memory. */
class ThumbnailsWithoutCacheTest {

    @Test
    void servedFromDiskWithTheSameHeadersAndBytes() throws Exception {
        try (TestApp app = TestApp.startWith(Db.SQLITE, Map.of("IMAGE_CACHE_SIZE_MB", "0"))) {
            var api = app.api;
            UUID id = new Factories(api).image(null, "disk.jpg", TestImages.jpeg(1600, 1200), List.of());
            Path dir = app.settings.storage().thumbnails().resolve(id.toString());
            String path = "/api/v2/images/" + id + "/thumbnail/medium";

            var fromDisk = api.get(path);
            assertThat(fromDisk.status()).isEqualTo(200);
            assertThat(fromDisk.body()).isEqualTo(Files.readAllBytes(dir.resolve("medium.jpg")));
            assertThat(fromDisk.header("Content-Type")).isEqualTo("image/jpeg");
            assertThat(fromDisk.header("Cache-Control")).contains("immutable");
            assertThat(api.get(path, "If-None-Match", fromDisk.header("ETag")).status()).isEqualTo(304);
            var head = api.head(path);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(fromDisk.body().length));

            // made again on demand by the controller, then served from disk: one ETag for one file
            for (Path p : List.of(dir.resolve("small.jpg"), dir.resolve("medium.jpg"), dir.resolve("large.jpg"))) {
                Files.delete(p);
            }
            var remade = api.get(path);
            var again = api.get(path);
            assertThat(remade.status()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(remade.body());
            assertThat(again.header("ETag")).isEqualTo(remade.header("ETag"));
            assertThat(again.header("Last-Modified")).isEqualTo(remade.header("Last-Modified"));
        }
    }
}
