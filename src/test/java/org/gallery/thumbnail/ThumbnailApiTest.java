package org.gallery.thumbnail;

import org.gallery.testing.ApiTestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.gallery.storage.FileStore;
import org.gallery.testing.Api;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;

class ThumbnailApiTest extends ApiTestCase {

    @Test
    void threeSizesUprightNeverUpscaledMadeAtUpload() throws Exception {
        // 1200x900 sensor pixels, orientation 6: upright it is 900x1200
        UUID id = make.image(null, "o6.jpg", TestImages.jpegWithExif(1200, 900, 6, "2020:01:01 00:00:00", "A", "B"), List.of());
        assertThat(app.stored(FileStore.Area.THUMBNAILS, id + "/small.jpg")).isTrue();
        assertThat(app.stored(FileStore.Area.THUMBNAILS, id + "/medium.jpg")).isTrue();
        assertThat(app.stored(FileStore.Area.THUMBNAILS, id + "/large.jpg")).isTrue();

        assertThat(size(api.get("/api/v2/images/" + id + "/thumbnail/small"))).containsExactly(192, 256);
        assertThat(size(api.get("/api/v2/images/" + id + "/thumbnail/medium"))).containsExactly(384, 512);
        assertThat(size(api.get("/api/v2/images/" + id + "/thumbnail/large"))).containsExactly(768, 1024);

        UUID tiny = make.image(null, "tiny.png", TestImages.png(100, 50), List.of());
        assertThat(size(api.get("/api/v2/images/" + tiny + "/thumbnail/large"))).containsExactly(100, 50);
    }

    @Test
    void servedWithCachingHeadersAnd304() {
        UUID id = make.image(null);
        var r = api.get("/api/v2/images/" + id + "/thumbnail/medium");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(r.header("Cache-Control")).contains("max-age=31536000", "private", "immutable");
        assertThat(r.header("ETag")).isNotBlank();
        assertThat(r.header("Last-Modified")).isNotBlank();
        assertThat(api.get("/api/v2/images/" + id + "/thumbnail/medium", "If-None-Match", r.header("ETag")).status())
                .isEqualTo(304);
        var head = api.head("/api/v2/images/" + id + "/thumbnail/medium");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("ETag")).isEqualTo(r.header("ETag"));
    }

    @Test
    void answerFromMemoryMatchesTheFirstAnswerAndEndsWithTheImage() {
        UUID id = make.image(null);
        String path = "/api/v2/images/" + id + "/thumbnail/small";
        var first = api.get(path);
        var again = api.get(path);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Content-Type", "Content-Length")) {
            assertThat(again.header(header)).as(header).isEqualTo(first.header(header));
        }
        assertThat(api.get(path, "If-None-Match", "\"other\", " + first.header("ETag")).status()).isEqualTo(304);
        assertThat(api.get(path, "If-None-Match", "\"other\"").status()).isEqualTo(200);
        assertThat(api.get(path, "If-None-Match", "*").status()).isEqualTo(304);
        assertThat(api.get(path, "If-Modified-Since", first.header("Last-Modified")).status()).isEqualTo(304);
        assertThat(api.get(path, "If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT").status()).isEqualTo(200);

        api.delete("/api/v2/images/" + id);
        assertThat(api.get(path).status()).isEqualTo(404);
        assertThat(api.head(path).status()).isEqualTo(404);
    }

    @Test
    void aThumbnailLargerThanTheSocketBufferComesWholeWithTheSameAnswersEachTime() throws Exception {
        // sensor-like noise keeps the 1024 px thumbnail well above 64 KiB, which goes out with sendfile
        UUID id = make.image(null, "noisy.jpg", TestImages.photo(2000, 1500, 7), List.of());
        String path = "/api/v2/images/" + id + "/thumbnail/large";
        var first = api.get(path);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().length).isGreaterThan(64 * 1024);
        assertThat(size(first)).containsExactly(1024, 768);
        for (int i = 0; i < 3; i++) {
            var again = api.get(path);
            assertThat(again.body()).isEqualTo(first.body());
            for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Content-Type", "Content-Length")) {
                assertThat(again.header(header)).as(header).isEqualTo(first.header(header));
            }
        }
        assertThat(api.get(path, "If-None-Match", first.header("ETag")).status()).isEqualTo(304);
        var head = api.head(path);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(first.body().length));
    }

    @Test
    void badSizeIs400AndUnknownImage404() {
        UUID id = make.image(null);
        var bad = api.get("/api/v2/images/" + id + "/thumbnail/huge");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("small", "medium", "large");
        assertThat(api.get("/api/v2/images/" + UUID.randomUUID() + "/thumbnail/small").status()).isEqualTo(404);
    }

    @Test
    void missingThumbnailsAreRemadeOnceForConcurrentRequests() throws Exception {
        UUID id = make.image(null, "big.jpg", TestImages.jpeg(2400, 1600), List.of());
        deleteThumbnails(id);
        ThumbnailService service = app.context.getBean(ThumbnailService.class);
        long before = service.generations();
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String size = List.of("small", "medium", "large").get(i % 3);
            calls.add(() -> api.get("/api/v2/images/" + id + "/thumbnail/" + size));
        }
        try (var pool = Executors.newFixedThreadPool(40)) {
            for (var f : pool.invokeAll(calls)) {
                assertThat(f.get().status()).isEqualTo(200);
            }
        }
        assertThat(service.generations() - before).isEqualTo(1);
    }

    @Test
    void undecodableImageIsRefusedAndLeavesNothing() throws Exception {
        byte[] jpeg = TestImages.jpeg(800, 600);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
        long before = app.storedFileCount();
        var r = api.upload("cut.jpg", cut, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("decoded");
        assertThat(app.storedFileCount()).isEqualTo(before);
    }

    @Test
    void damagedStoredOriginalStillShowsWhatDecodesAndGarbageIsAProblem() throws Exception {
        UUID cut = make.image(null, "damaged-cut.jpg", TestImages.jpeg(1200, 800), List.of());
        var cutFile = FileStore.Area.IMAGES.key(app.storedOriginal("damaged-cut.jpg"));
        byte[] whole = app.files().read(cutFile);
        app.files().put(cutFile, Arrays.copyOf(whole, whole.length / 2));
        deleteThumbnails(cut);

        var shown = api.get("/api/v2/images/" + cut + "/thumbnail/large");
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(size(shown)).containsExactly(1024, 683);
        // shown, but still reported by a batch run, which decodes strictly
        ThumbnailService service = app.context.getBean(ThumbnailService.class);
        assertThat(service.complete(cut)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.generate(cut, false))
                .hasMessageContaining("damaged-cut.jpg");
        assertThat(api.get("/api/v2/images/" + cut + "/thumbnail/small").status()).isEqualTo(200);

        UUID garbage = make.image(null, "damaged-garbage.jpg", TestImages.jpeg(400, 300), List.of());
        byte[] noise = new byte[5000];
        new java.util.Random(3).nextBytes(noise);
        noise[0] = (byte) 0xFF;
        noise[1] = (byte) 0xD8;
        noise[2] = (byte) 0xFF;
        app.files().put(FileStore.Area.IMAGES.key(app.storedOriginal("damaged-garbage.jpg")), noise);
        deleteThumbnails(garbage);

        var refused = api.get("/api/v2/images/" + garbage + "/thumbnail/small");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("cannot be decoded");
    }

    private void deleteThumbnails(UUID id) {
        app.files().deleteAll(FileStore.Area.THUMBNAILS, id.toString());
    }

    @Test
    void deletingTheImageDeletesItsThumbnails() {
        UUID id = make.image(null);
        assertThat(app.stored(FileStore.Area.THUMBNAILS, id + "/small.jpg")).isTrue();
        api.delete("/api/v2/images/" + id);
        assertThat(app.stored(FileStore.Area.THUMBNAILS, id + "/small.jpg")).isFalse();
        assertThat(app.stored(FileStore.Area.THUMBNAILS, id + "/large.jpg")).isFalse();
    }

    @Test
    void healthNamesTheImagingEngine() {
        var imaging = api.get("/api/v2/health").json().get("imaging");
        assertThat(imaging.get("engine").asString()).isIn("vips", "java");
        assertThat(imaging.get("version").asString()).isNotBlank();
    }

    private static int[] size(Api.Response r) throws Exception {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        return new int[] {image.getWidth(), image.getHeight()};
    }

}
