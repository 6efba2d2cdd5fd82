package org.gallery.export;

import org.gallery.testing.ApiTestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.gallery.storage.FileStore;
import org.gallery.testing.Factories;
import org.gallery.testing.TestImages;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ExportApiTest extends ApiTestCase {

    /** A photoset of three images: two share a stem, one has a crop; captions and tags on some. */
    record Fixture(UUID set, String folder, UUID photoJpg, byte[] jpg, UUID photoPng, byte[] png, UUID halves) {
    }

    Fixture fixture() throws Exception {
        String name = Factories.unique("Beach Day");
        UUID set = make.photoset(name, Map.of());
        byte[] jpg = TestImages.jpeg(300, 200);
        byte[] png = TestImages.png(100, 80);
        UUID a = make.image(set, "a.jpg", jpg, List.of("sea", "sun"));
        UUID b = make.image(set, "a.png", png, List.of());
        UUID c = make.image(set, "halves.png", halves(), List.of());
        assertThat(api.post("/api/v2/images/" + a + "/caption", Map.of("caption", "A calm sea")).status()).isLessThan(300);
        assertThat(api.post("/api/v2/images/" + c + "/caption", Map.of("caption", "Red and blue")).status()).isLessThan(300);
        assertThat(api.post("/api/v2/images/" + c + "/crop", Map.of("x", 10, "y", 20, "width", 150, "height", 100,
                "aspect_ratio", "3:2")).status()).isLessThan(300);
        return new Fixture(set, name, a, jpg, b, png, c);
    }

    @Test
    void jobExportHasImagesSidecarsCropsSizesAndManifest() throws Exception {
        Fixture f = fixture();
        var r = api.post("/api/v2/exports", Map.of("photoset_id", f.set(), "images", "cropped", "max_size", 120,
                "captions", true, "caption_prefix_tags", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        UUID id = r.id();
        assertThat(r.header("Location")).isEqualTo("/api/v2/exports/" + id);
        assertThat(r.json().get("job_url").asString()).isEqualTo("/api/v2/jobs/" + id);
        assertThat(r.json().get("progress").get("total").asInt()).isEqualTo(3);

        JsonNode done = Waits.job(api, "/api/v2/exports/" + id, Duration.ofSeconds(60), "succeeded", "failed");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("progress").get("done").asInt()).isEqualTo(3);
        assertThat(done.get("download_url").asString()).isEqualTo("/api/v2/exports/" + id + "/download");
        assertThat(done.get("file_name").asString()).isEqualTo(f.folder() + ".zip");
        assertThat(Instant.parse(done.get("expires_at").asString()))
                .isEqualTo(Instant.parse(done.get("finished_at").asString()).plus(Duration.ofHours(24)));
        assertThat(api.get("/api/v2/jobs/" + id).json().get("type").asString()).isEqualTo("export");

        var download = api.get("/api/v2/exports/" + id + "/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("application/zip");
        assertThat(download.header("Content-Disposition")).startsWith("attachment").contains(".zip");
        assertThat(done.get("bytes").asLong()).isEqualTo(download.body().length);
        assertThat(app.stored(FileStore.Area.EXPORTS, id + ".zip")).isTrue();
        Path file = Files.createTempFile("export-", ".zip");
        Files.write(file, download.body());
        ExportTesting.unzipTest(file);

        var zip = ExportTesting.read(download.body());
        String dir = f.folder() + "/";
        assertThat(zip.files().keySet()).containsExactly(dir + "a.jpg", dir + "a.txt", dir + "a_2.png",
                dir + "halves.jpg", dir + "halves.txt", "metadata.jsonl");
        assertThat(zip.methods().get(dir + "a.jpg")).isEqualTo(ZipWriter.STORED);
        assertThat(zip.methods().get(dir + "a_2.png")).isEqualTo(ZipWriter.STORED);
        assertThat(zip.methods().get(dir + "a.txt")).isEqualTo(ZipWriter.DEFLATED);
        assertThat(zip.methods().get("metadata.jsonl")).isEqualTo(ZipWriter.DEFLATED);

        // small enough and no crop: the exact original bytes
        assertThat(zip.files().get(dir + "a_2.png")).isEqualTo(f.png());
        // larger than max_size: scaled down, re-encoded
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(zip.files().get(dir + "a.jpg")));
        assertThat(a.getWidth()).isEqualTo(120);
        assertThat(a.getHeight()).isEqualTo(80);
        // the crop (150x100 inside the red half) scaled to 120x80
        BufferedImage h = ImageIO.read(new ByteArrayInputStream(zip.files().get(dir + "halves.jpg")));
        assertThat(h.getWidth()).isEqualTo(120);
        assertThat(h.getHeight()).isEqualTo(80);
        assertThat(new Color(h.getRGB(60, 40)).getRed()).isGreaterThan(200);
        assertThat(new Color(h.getRGB(60, 40)).getBlue()).isLessThan(60);

        assertThat(zip.text(dir + "a.txt")).isEqualTo("sea, sun, A calm sea");
        assertThat(zip.text(dir + "halves.txt")).isEqualTo("Red and blue");

        List<JsonNode> manifest = zip.manifest();
        assertThat(manifest).hasSize(3);
        JsonNode m0 = manifest.get(0);
        assertThat(m0.get("id").asString()).isEqualTo(f.photoJpg().toString());
        assertThat(m0.get("file").asString()).isEqualTo(dir + "a.jpg");
        assertThat(m0.get("caption_file").asString()).isEqualTo(dir + "a.txt");
        assertThat(m0.get("photoset").get("id").asString()).isEqualTo(f.set().toString());
        assertThat(m0.get("photoset").get("name").asString()).isEqualTo(f.folder());
        assertThat(m0.get("tags").toString()).isEqualTo("[\"sea\",\"sun\"]");
        assertThat(m0.get("caption").get("text").asString()).isEqualTo("A calm sea");
        assertThat(m0.get("caption").get("source").asString()).isEqualTo("manual");
        assertThat(m0.get("width").asInt()).isEqualTo(120);
        assertThat(m0.get("sha256").asString()).isEqualTo(sha256(zip.files().get(dir + "a.jpg")));
        assertThat(m0.get("original").get("sha256").asString()).isEqualTo(sha256(f.jpg()));
        JsonNode m1 = manifest.get(1);
        assertThat(m1.get("file").asString()).isEqualTo(dir + "a_2.png");
        assertThat(m1.get("caption_file").isNull()).isTrue();
        assertThat(m1.get("caption").isNull()).isTrue();
        assertThat(m1.get("crop").isNull()).isTrue();
        assertThat(m1.get("width").asInt()).isEqualTo(100);
        assertThat(m1.get("height").asInt()).isEqualTo(80);
        assertThat(m1.get("sha256").asString()).isEqualTo(sha256(f.png()));
        JsonNode m2 = manifest.get(2);
        assertThat(m2.get("cropped").asBoolean()).isTrue();
        assertThat(m2.get("crop").get("x").asInt()).isEqualTo(10);
        assertThat(m2.get("crop").get("width").asInt()).isEqualTo(150);
        assertThat(m2.get("crop").get("aspect_ratio").asString()).isEqualTo("3:2");
        assertThat(m2.get("height").asInt()).isEqualTo(80);

        var part = api.get("/api/v2/exports/" + id + "/download", "Range", "bytes=10-99");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(download.body(), 10, 100));
        assertThat(part.header("Content-Range")).isEqualTo("bytes 10-99/" + download.body().length);
        var tail = api.get("/api/v2/exports/" + id + "/download", "Range", "bytes=-22");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(download.body(), download.body().length - 22,
                download.body().length));

        assertThat(api.delete("/api/v2/exports/" + id).status()).isEqualTo(204);
        assertThat(app.stored(FileStore.Area.EXPORTS, id + ".zip")).isFalse();
        assertThat(api.get("/api/v2/exports/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v2/exports/" + id + "/download").status()).isEqualTo(404);
    }

    @Test
    void originalsAreExactBytesAndOtherOptionsApply() throws Exception {
        Fixture f = fixture();
        var r = api.post("/api/v2/exports", Map.of("image_ids", List.of(f.halves(), f.photoJpg()), "captions", true,
                "caption_extension", "caption"));
        JsonNode done = Waits.job(api, "/api/v2/exports/" + r.id(), Duration.ofSeconds(60), "succeeded", "failed");
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("file_name").asString()).startsWith("gallery-export-").endsWith(".zip");
        var zip = ExportTesting.read(api.get("/api/v2/exports/" + r.id() + "/download").body());
        String dir = f.folder() + "/";
        // in the order asked for; crops are ignored for originals
        assertThat(zip.files().keySet()).containsExactly(dir + "halves.png", dir + "halves.caption", dir + "a.jpg",
                dir + "a.caption", "metadata.jsonl");
        assertThat(zip.files().get(dir + "a.jpg")).isEqualTo(f.jpg());
        assertThat(zip.text(dir + "a.caption")).isEqualTo("A calm sea");
        assertThat(zip.manifest().get(0).get("cropped").asBoolean()).isFalse();
        assertThat(zip.manifest().get(0).get("width").asInt()).isEqualTo(400);
    }

    @Test
    void filterSelectsLikeTheImageList() throws Exception {
        String tag = "pick-" + UUID.randomUUID().toString().substring(0, 8);
        UUID set = make.photoset();
        UUID one = make.image(set, "one.jpg", TestImages.jpeg(40, 30), List.of(tag));
        UUID two = make.image(null, "two.jpg", TestImages.jpeg(40, 30), List.of(tag));
        make.image(set, "three.jpg", TestImages.jpeg(40, 30), List.of());
        var r = api.post("/api/v2/exports", Map.of("filter", Map.of("tags", List.of(tag))));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        JsonNode done = Waits.job(api, "/api/v2/exports/" + r.id(), Duration.ofSeconds(60), "succeeded", "failed");
        assertThat(done.get("selection").get("filter").get("tags").get(0).asString()).isEqualTo(tag);
        var zip = ExportTesting.read(api.get("/api/v2/exports/" + r.id() + "/download").body());
        assertThat(zip.manifest()).extracting(m -> m.get("id").asString())
                .containsExactlyInAnyOrder(one.toString(), two.toString());
        assertThat(zip.files().keySet()).contains("_unsorted/two.jpg");
    }

    @Test
    void streamingExportsWriteTheSameLayout() throws Exception {
        Fixture f = fixture();
        var zipped = api.get("/api/v2/photosets/" + f.set() + "/export?captions=true&caption_prefix_tags=true");
        assertThat(zipped.status()).as(zipped.toString()).isEqualTo(200);
        assertThat(zipped.header("Content-Type")).isEqualTo("application/zip");
        assertThat(zipped.header("Content-Disposition")).startsWith("attachment").contains(".zip");
        var zip = ExportTesting.read(zipped.body());
        String dir = f.folder() + "/";
        assertThat(zip.files().keySet()).containsExactly(dir + "a.jpg", dir + "a.txt", dir + "a_2.png",
                dir + "halves.png", dir + "halves.txt", "metadata.jsonl");
        assertThat(zip.files().get(dir + "a.jpg")).isEqualTo(f.jpg());
        assertThat(zip.files().get(dir + "a_2.png")).isEqualTo(f.png());
        assertThat(zip.text(dir + "a.txt")).isEqualTo("sea, sun, A calm sea");
        assertThat(zip.manifest()).hasSize(3);

        UUID loose = make.image(null, "loose.png", TestImages.png(50, 50), List.of());
        var chosen = api.get("/api/v2/export?image_ids=" + loose + "," + f.halves() + "&images=cropped&max_size=60");
        assertThat(chosen.status()).isEqualTo(200);
        var z2 = ExportTesting.read(chosen.body());
        assertThat(z2.files().keySet()).containsExactly("_unsorted/loose.png", dir + "halves.jpg", "metadata.jsonl");
        BufferedImage h = ImageIO.read(new ByteArrayInputStream(z2.files().get(dir + "halves.jpg")));
        assertThat(h.getWidth()).isEqualTo(60);
        assertThat(h.getHeight()).isEqualTo(40);
    }

    @Test
    void badSelectionsAndOptionsAreProblemsAndMakeNoJob() {
        UUID image = make.image(null);
        UUID empty = make.photoset();
        int before = exportCount();
        Map<String, Object> unknownFilter = Map.of("filter", Map.of("colour", "red"));
        Map<String, Object> badDate = Map.of("filter", Map.of("date_from", "yesterday"));
        List<Map<String, Object>> bad400 = List.of(
                Map.of(),
                Map.of("image_ids", List.of(image), "photoset_id", empty),
                Map.of("image_ids", List.of()),
                unknownFilter,
                badDate,
                Map.of("image_ids", List.of(image), "images", "thumbnail"),
                Map.of("image_ids", List.of(image), "max_size", 0),
                Map.of("image_ids", List.of(image), "caption_extension", ".md"));
        for (var body : bad400) {
            var r = api.post("/api/v2/exports", body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).isNotBlank();
        }
        var options = api.post("/api/v2/exports", Map.of("image_ids", List.of(image), "images", "x", "max_size", -3));
        assertThat(options.json().get("errors")).hasSize(2);
        var unknown = api.post("/api/v2/exports", Map.of("image_ids", List.of(image, UUID.randomUUID())));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("image_ids");
        assertThat(api.post("/api/v2/exports", Map.of("photoset_id", UUID.randomUUID())).status()).isEqualTo(422);
        assertThat(api.post("/api/v2/exports", Map.of("photoset_id", empty)).status()).isEqualTo(422);
        assertThat(api.post("/api/v2/exports", Map.of("filter", Map.of("tags", List.of("no-such-tag-" + UUID.randomUUID()))))
                .status()).isEqualTo(422);
        assertThat(api.post("/api/v2/exports", "{\"max_size\": \"big\", \"image_ids\": []}").status()).isEqualTo(400);

        assertThat(api.get("/api/v2/photosets/" + UUID.randomUUID() + "/export").status()).isEqualTo(404);
        assertThat(api.get("/api/v2/photosets/" + empty + "/export").status()).isEqualTo(422);
        assertThat(api.get("/api/v2/export?image_ids=" + image + "&max_size=-1").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/export?image_ids=" + image + "&caption_extension=.doc").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/export").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/export?image_ids=nope").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/export?image_ids=" + UUID.randomUUID()).status()).isEqualTo(422);
        assertThat(api.get("/api/v2/exports/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v2/exports/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(exportCount()).isEqualTo(before);
    }

    @Test
    void expiredExportsAreRemovedWithTheirFiles() {
        UUID image = make.image(null);
        UUID id = api.post("/api/v2/exports", Map.of("image_ids", List.of(image))).id();
        Waits.job(api, "/api/v2/exports/" + id, Duration.ofSeconds(60), "succeeded");
        assertThat(app.stored(FileStore.Area.EXPORTS, id + ".zip")).isTrue();
        ExportService exports = app.context.getBean(ExportService.class);
        exports.expire(Instant.now());
        assertThat(api.get("/api/v2/exports/" + id).status()).as("not yet expired").isEqualTo(200);
        exports.expire(Instant.now().plus(Duration.ofHours(25)));
        assertThat(app.stored(FileStore.Area.EXPORTS, id + ".zip")).isFalse();
        assertThat(api.get("/api/v2/exports/" + id).status()).isEqualTo(404);
    }

    @Test
    void thumbnailJobsAreNotExports() {
        UUID image = make.image(null);
        UUID job = api.post("/api/v2/thumbnails/jobs", Map.of("image_ids", List.of(image))).id();
        assertThat(api.get("/api/v2/exports/" + job).status()).isEqualTo(404);
        assertThat(api.delete("/api/v2/exports/" + job).status()).isEqualTo(404);
    }

    private int exportCount() {
        return api.get("/api/v2/jobs?type=export&limit=500").json().get("items").size();
    }

    static byte[] halves() throws Exception {
        BufferedImage source = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = source.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 200, 200);
        g.setColor(Color.BLUE);
        g.fillRect(200, 0, 200, 200);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(source, "png", out);
        return out.toByteArray();
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
