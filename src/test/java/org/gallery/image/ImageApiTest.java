package org.gallery.image;

import org.gallery.testing.ApiTestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.storage.FileStore;
import org.gallery.testing.Db;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ImageApiTest extends ApiTestCase {

    @Test
    void uploadStoresExactBytesWithFactsFromTheHeader() throws Exception {
        UUID set = make.photoset();
        byte[] jpeg = TestImages.jpegWithExif(300, 200, 6, "2021:05:04 10:11:12", "Canon", "Canon EOS 5D");
        var r = api.upload("holiday.JPG", jpeg, Map.of("photoset_id", set, "tags", "Beach, sea"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        UUID id = r.id();
        assertThat(r.header("Location")).isEqualTo("/api/v2/images/" + id);

        JsonNode meta = api.get("/api/v2/images/" + id + "/metadata").json();
        assertThat(meta.get("photoset_id").asString()).isEqualTo(set.toString());
        assertThat(meta.get("file_name").asString()).isEqualTo("holiday.jpg");
        assertThat(meta.get("original_filename").asString()).isEqualTo("holiday.JPG");
        assertThat(meta.get("format").asString()).isEqualTo("jpeg");
        assertThat(meta.get("mime_type").asString()).isEqualTo("image/jpeg");
        // orientation 6 turns the 300x200 sensor image upright as 200x300
        assertThat(meta.get("width").asInt()).isEqualTo(200);
        assertThat(meta.get("height").asInt()).isEqualTo(300);
        assertThat(meta.get("orientation").asInt()).isEqualTo(6);
        assertThat(meta.get("taken_at").asString()).isEqualTo("2021-05-04T10:11:12Z");
        assertThat(meta.get("camera").asString()).isEqualTo("Canon EOS 5D");
        assertThat(meta.get("bytes").asLong()).isEqualTo(jpeg.length);
        assertThat(meta.get("sha256").asString()).isEqualTo(sha256(jpeg));
        assertThat(meta.get("tags").toString()).isEqualTo("[\"Beach\",\"sea\"]");
        assertThat(meta.get("has_caption").asBoolean()).isFalse();
        assertThat(meta.get("has_crop").asBoolean()).isFalse();

        var original = api.get("/api/v2/images/" + id);
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(jpeg);
        assertThat(original.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(original.header("ETag")).isEqualTo("\"" + sha256(jpeg) + "\"");
        assertThat(api.get("/api/v2/images/" + id, "If-None-Match", original.header("ETag")).status()).isEqualTo(304);

        assertThat(app.files().read(FileStore.Area.IMAGES.key(folderOf(set) + "/holiday.jpg"))).isEqualTo(jpeg);
    }

    @Test
    void heicAndAvifAreTakenWhenTheEngineReadsThemElse415() throws Exception {
        String engine = api.get("/api/v2/health").json().get("imaging").get("engine").asString();
        Path scratch = Files.createTempDirectory("gallery-heif");
        var picture = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(TestImages.png(300, 200)));
        for (boolean avif : List.of(false, true)) {
            String name = avif ? "phone.avif" : "phone.heic";
            if (engine.equals("vips")) {
                var r = api.upload(name, org.gallery.imaging.HeifFiles.encode(picture, avif, scratch), Map.of());
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                JsonNode image = r.json();
                assertThat(image.get("format").asString()).isEqualTo(avif ? "avif" : "heic");
                assertThat(image.get("width").asInt()).isEqualTo(300);
                assertThat(image.get("height").asInt()).isEqualTo(200);
                assertThat(api.get("/api/v2/images/" + r.id() + "/thumbnail/small").status()).isEqualTo(200);
            } else {
                var r = api.upload(name, org.gallery.imaging.HeifFiles.headerOnly(avif), Map.of());
                assertThat(r.status()).as(r.toString()).isEqualTo(415);
                assertThat(r.json().get("detail").asString()).contains(avif ? "AVIF" : "HEIC");
            }
        }
    }

    @Test
    void rangeRequestsServePartialContent() {
        byte[] png = TestImages.png(120, 80);
        UUID id = make.image(null, "range.png", png, List.of());
        var part = api.get("/api/v2/images/" + id, "Range", "bytes=10-19");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(png, 10, 20));
        assertThat(part.header("Content-Range")).isEqualTo("bytes 10-19/" + png.length);
    }

    @Test
    void typeComesFromTheBytesNotTheName() {
        byte[] png = TestImages.png(50, 40);
        var r = api.upload("actually-a-png.jpg", png, Map.of());
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("format").asString()).isEqualTo("png");
        assertThat(r.json().get("file_name").asString()).isEqualTo("actually-a-png.png");
        assertThat(api.get("/api/v2/images/" + r.id()).header("Content-Type")).isEqualTo("image/png");

        assertThat(api.upload("x.gif", TestImages.gif(30, 30), Map.of()).json().get("format").asString()).isEqualTo("gif");
        assertThat(api.upload("x.bmp", TestImages.bmp(30, 30), Map.of()).json().get("format").asString()).isEqualTo("bmp");
    }

    @Test
    void rejectsBadFilesAndLeavesNothingBehind() throws Exception {
        UUID set = make.photoset();
        long filesBefore = app.storedFileCount();

        var text = api.upload("notes.jpg", "just some text".getBytes(), Map.of("photoset_id", set));
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.header("Content-Type")).startsWith("application/problem+json");

        var svg = api.upload("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(), Map.of("photoset_id", set));
        assertThat(svg.status()).isEqualTo(415);

        var empty = api.upload("empty.jpg", new byte[0], Map.of("photoset_id", set));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("detail").asString()).contains("empty");

        byte[] jpeg = TestImages.jpeg(100, 100);
        var truncatedHeader = api.upload("cut.jpg", Arrays.copyOf(jpeg, 40), Map.of("photoset_id", set));
        assertThat(truncatedHeader.status()).isEqualTo(400);

        var noFile = api.upload("x", null, Map.of("photoset_id", set));
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.json().get("errors").get(0).get("field").asString()).isEqualTo("file");

        var unknownSet = api.upload("ok.jpg", jpeg, Map.of("photoset_id", UUID.randomUUID()));
        assertThat(unknownSet.status()).isEqualTo(404);

        var badSetId = api.upload("ok.jpg", jpeg, Map.of("photoset_id", "not-a-uuid"));
        assertThat(badSetId.status()).isEqualTo(400);

        var badTag = api.upload("ok.jpg", jpeg, Map.of("photoset_id", set, "tags", "x".repeat(101)));
        assertThat(badTag.status()).isEqualTo(400);

        assertThat(api.get("/api/v2/photosets/" + set).json().get("image_count").asInt()).isZero();
        assertThat(api.get("/api/v2/photosets/" + set + "/images").json().get("items").size()).isZero();
        assertThat(app.storedFileCount()).isEqualTo(filesBefore);
    }

    @Test
    void decompressionBombIsRefusedFromTheHeader() throws Exception {
        // a 1-bit PNG claiming 60000x60000 pixels is tiny on disk but 3.6 gigapixels decoded
        var image = new java.awt.image.BufferedImage(20000, 20000, java.awt.image.BufferedImage.TYPE_BYTE_BINARY);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        var r = api.upload("bomb.png", out.toByteArray(), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.json().get("detail").asString()).contains("MAX_IMAGE_PIXELS");
    }

    @Test
    void sameBytesTwiceInOnePhotosetIsAConflictNamingTheFirst() {
        UUID set = make.photoset();
        byte[] jpeg = TestImages.jpeg(80, 60);
        UUID first = make.image(set, "a.jpg", jpeg, List.of());
        var again = api.upload("b.jpg", jpeg, Map.of("photoset_id", set));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains(first.toString());
        // another photoset may hold the same picture
        assertThat(api.upload("a.jpg", jpeg, Map.of("photoset_id", make.photoset())).status()).isEqualTo(201);
    }

    @Test
    void hostileFileNamesNeverBecomePaths() throws Exception {
        UUID set = make.photoset();
        String folder = folderOf(set);
        for (String hostile : List.of("../../etc/passwd.jpg", "..\\..\\win.jpg", "/abs/path.jpg", "CON.jpg", "...jpg", "tab\there.jpg")) {
            var r = api.upload(hostile, TestImages.jpeg(20, 20), Map.of("photoset_id", set));
            assertThat(r.status()).as(hostile + " " + r).isEqualTo(201);
            assertThat(r.json().get("original_filename").asString()).isNotBlank();
            String stored = r.json().get("file_name").asString();
            assertThat(stored).doesNotContain("/", "\\", "..", "\u0000");
            assertThat(app.stored(FileStore.Area.IMAGES, folder + "/" + stored)).as(stored).isTrue();
        }
        var nul = api.upload("a\u0000b.jpg", TestImages.jpeg(20, 20), Map.of("photoset_id", set));
        assertThat(nul.status()).isEqualTo(400);
        assertThat(app.files().list(FileStore.Area.IMAGES, "")).filteredOn(p -> p.contains("passwd"))
                .isNotEmpty().allMatch(p -> p.startsWith(folder + "/"));
    }

    @Test
    void nameClashesGetDeterministicSuffixes() {
        UUID set = make.photoset();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            names.add(api.upload("IMG_0001.jpg", TestImages.jpeg(30, 30), Map.of("photoset_id", set)).json()
                    .get("file_name").asString());
        }
        assertThat(names).containsExactly("IMG_0001.jpg", "IMG_0001_2.jpg", "IMG_0001_3.jpg");
    }

    @Test
    void deleteRemovesRowAndFile() throws Exception {
        UUID set = make.photoset();
        UUID id = make.image(set, "gone.jpg", TestImages.jpeg(30, 30), List.of("x"));
        var file = FileStore.Area.IMAGES.key(folderOf(set) + "/gone.jpg");
        assertThat(app.files().exists(file)).isTrue();
        assertThat(api.delete("/api/v2/images/" + id).status()).isEqualTo(204);
        assertThat(app.files().exists(file)).isFalse();
        assertThat(app.stored(FileStore.Area.THUMBNAILS, id + "/small.jpg")).isFalse();
        assertThat(api.get("/api/v2/images/" + id + "/metadata").status()).isEqualTo(404);
        assertThat(api.delete("/api/v2/images/" + id).status()).isEqualTo(404);
    }

    @Test
    void listFiltersByTagsTextAndDates() {
        UUID set = make.photoset();
        String base = "/api/v2/images?photoset_id=" + set;
        UUID a = make.image(set, "alpha.jpg", TestImages.jpegWithExif(40, 30, 1, "2019:01:02 03:04:05", "A", "A1"), List.of("red", "big"));
        UUID b = make.image(set, "beta.jpg", TestImages.jpegWithExif(40, 30, 1, "2020:06:07 08:09:10", "A", "A1"), List.of("red"));
        UUID c = make.image(set, "gamma.jpg", TestImages.jpeg(40, 30), List.of());

        assertThat(ids(base)).containsExactly(a, b, c);
        assertThat(ids(base + "&tags=RED")).containsExactly(a, b);
        assertThat(ids(base + "&tags=red,big")).containsExactly(a);
        assertThat(ids(base + "&tags=red&tags=big")).containsExactly(a);
        assertThat(ids(base + "&q=GAMM")).containsExactly(c);
        assertThat(ids(base + "&year=2019")).containsExactly(a);
        assertThat(ids(base + "&date_from=2020-06-07&date_to=2020-06-07")).containsExactly(b);
        assertThat(ids(base + "&sort=taken&order=asc")).startsWith(a, b);
        assertThat(ids(base + "&sort=filename&order=desc")).containsExactly(c, b, a);
        assertThat(ids(base + "&has_caption=true")).isEmpty();
        assertThat(ids(base + "&has_crop=false")).containsExactly(a, b, c);
        assertThat(ids("/api/v2/photosets/" + set + "/images?tags=big")).containsExactly(a);
    }

    @Test
    void keysetPagesCoverEveryImageOnce() {
        UUID set = make.photoset();
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            made.add(make.image(set, String.format("p%02d.jpg", i), TestImages.jpeg(16, 16), List.of()));
        }
        for (String sort : List.of("filename", "created", "taken")) {
            List<UUID> seen = new ArrayList<>();
            String cursor = null;
            do {
                var page = api.get("/api/v2/images?photoset_id=" + set + "&sort=" + sort + "&order=asc&limit=4"
                        + (cursor == null ? "" : "&cursor=" + cursor)).json();
                page.get("items").forEach(n -> seen.add(UUID.fromString(n.get("id").asString())));
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
            } while (cursor != null);
            assertThat(seen).as(sort).containsExactlyElementsOf(made);
        }
    }

    @Test
    void badListParametersAre400() {
        assertThat(api.get("/api/v2/images?sort=size").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images?cursor=%25%25").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images?cursor=abc").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images?photoset_id=nope").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images?date_from=yesterday").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images?has_caption=maybe").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images?limit=1000").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images?photoset_id=" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void tagsAreAddedIdempotentlyAndRemoved() {
        UUID id = make.image(null);
        var r = api.post("/api/v2/images/" + id + "/tags", Map.of("tags", List.of(" Dog ", "dog", "Park")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("tags").toString()).isEqualTo("[\"Dog\",\"Park\"]");
        api.post("/api/v2/images/" + id + "/tags", Map.of("tags", List.of("DOG")));
        assertThat(api.get("/api/v2/images/" + id + "/metadata").json().get("tags").size()).isEqualTo(2);

        assertThat(api.delete("/api/v2/images/" + id + "/tags/dog").status()).isEqualTo(200);
        assertThat(api.get("/api/v2/images/" + id + "/metadata").json().get("tags").toString()).isEqualTo("[\"Park\"]");
        assertThat(api.delete("/api/v2/images/" + id + "/tags/dog").status()).isEqualTo(404);
        assertThat(api.post("/api/v2/images/" + id + "/tags", Map.of("tags", List.of(""))).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/images/" + UUID.randomUUID() + "/tags", Map.of("tags", List.of("a"))).status()).isEqualTo(404);
    }

    private List<UUID> ids(String path) {
        var r = api.get(path);
        assertThat(r.status()).as(path + " " + r).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        r.json().get("items").forEach(n -> ids.add(UUID.fromString(n.get("id").asString())));
        return ids;
    }

    private String folderOf(UUID set) {
        return app.sql().fetchValue("select folder from photosets where id = ?",
                db == Db.POSTGRES ? set : set.toString()).toString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
