package org.gallery.image;

import org.gallery.testing.ApiTestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.auth.Role;
import org.gallery.testing.Api;
import org.gallery.storage.FileStore;
import org.gallery.testing.Db;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /images/bulk: one change to many images, by ids or by filter, all or nothing. */
class ImageBulkApiTest extends ApiTestCase {

    private static final java.util.concurrent.atomic.AtomicInteger SIZES = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void tagsAreAddedAndRemovedByIdsIdempotently() {
        UUID set = make.photoset();
        UUID a = image(set, "a.jpg", List.of("keep"));
        UUID b = image(set, "b.jpg", List.of());
        UUID untouched = image(set, "c.jpg", List.of());

        JsonNode r = ok(Map.of("ids", List.of(a, b, a), "add_tags", List.of("Sunset", "sea")));
        assertThat(r.get("affected").asInt()).isEqualTo(2);
        assertThat(tags(a)).containsExactly("keep", "sea", "Sunset");
        assertThat(tags(b)).containsExactly("sea", "Sunset");
        assertThat(tags(untouched)).isEmpty();

        // the same again changes nothing; names match whatever their case
        ok(Map.of("ids", List.of(a, b), "add_tags", List.of("SUNSET")));
        assertThat(tags(a)).containsExactly("keep", "sea", "Sunset");

        ok(Map.of("ids", List.of(a, b), "remove_tags", List.of("sunset", "never-there")));
        assertThat(tags(a)).containsExactly("keep", "sea");
        assertThat(tags(b)).containsExactly("sea");
        ok(Map.of("ids", List.of(a, b), "remove_tags", List.of("sunset")));
        assertThat(tags(b)).containsExactly("sea");
    }

    @Test
    void aFilterSelectsWhatTheListShowsAndTheCountSaysHowMany() {
        UUID set = make.photoset();
        String marker = "m" + UUID.randomUUID().toString().substring(0, 8);
        UUID a = image(set, "a.jpg", List.of(marker));
        UUID b = image(set, "b.jpg", List.of(marker));
        UUID other = image(set, "c.jpg", List.of());
        assertThat(api.post("/api/v2/images/" + b + "/caption", Map.of("caption", "a boat")).status()).isEqualTo(200);

        String query = "photoset_id=" + set + "&tags=" + marker + "&has_caption=false";
        assertThat(api.get("/api/v2/images/count?" + query).json().get("count").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v2/images/count?photoset_id=" + set).json().get("count").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v2/images/count?photoset_id=" + UUID.randomUUID()).status()).isEqualTo(404);

        JsonNode r = ok(Map.of("filter", Map.of("photoset_id", set.toString(), "tags", List.of(marker), "has_caption", false),
                "add_tags", List.of("review")));
        assertThat(r.get("affected").asInt()).isEqualTo(1);
        assertThat(tags(a)).contains("review");
        assertThat(tags(b)).doesNotContain("review");
        assertThat(tags(other)).doesNotContain("review");

        r = ok(Map.of("filter", Map.of("tags", marker), "remove_tags", List.of(marker)));
        assertThat(r.get("affected").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v2/images/count?tags=" + marker).json().get("count").asInt()).isZero();
    }

    @Test
    void anEmptySelectionChangesNothing() {
        assertThat(ok(Map.of("ids", List.of(), "add_tags", List.of("x"))).get("affected").asInt()).isZero();
        JsonNode r = ok(Map.of("filter", Map.of("tags", List.of("no-such-tag-" + UUID.randomUUID())), "delete", true));
        assertThat(r.get("affected").asInt()).isZero();
        assertThat(r.get("deleted").asInt()).isZero();
    }

    @Test
    void movedImagesTakeTheirFilesToTheOtherPhotosetsFolder() throws Exception {
        UUID from = make.photoset();
        UUID to = make.photoset();
        byte[] aBytes = TestImages.jpeg(64, 48);
        UUID a = make.image(from, "a.jpg", aBytes, List.of());
        UUID b = image(from, "b.jpg", List.of());
        UUID stays = image(from, "c.jpg", List.of());
        UUID already = image(to, "a.jpg", List.of());

        JsonNode r = ok(Map.of("ids", List.of(a, b, already), "photoset_id", to, "add_tags", List.of("moved")));
        assertThat(r.get("affected").asInt()).isEqualTo(3);
        assertThat(r.get("moved").asInt()).isEqualTo(2);

        JsonNode meta = metadata(a);
        assertThat(meta.get("photoset_id").asString()).isEqualTo(to.toString());
        assertThat(meta.get("tags").toString()).contains("moved");
        // the name was taken in the new folder, so the file got a free one
        assertThat(meta.get("file_name").asString()).isEqualTo("a_2.jpg");
        assertThat(app.files().read(original(to, "a_2.jpg"))).isEqualTo(aBytes);
        assertThat(app.files().exists(original(from, "a.jpg"))).isFalse();
        assertThat(app.files().exists(original(from, "b.jpg"))).isFalse();
        assertThat(app.files().exists(original(from, "c.jpg"))).isTrue();
        assertThat(api.get("/api/v2/images/" + a).body()).isEqualTo(aBytes);

        JsonNode source = api.get("/api/v2/photosets/" + from).json();
        assertThat(source.get("image_count").asInt()).isEqualTo(1);
        assertThat(source.get("cover_image_id").asString()).isEqualTo(stays.toString());
        assertThat(api.get("/api/v2/photosets/" + to).json().get("image_count").asInt()).isEqualTo(3);
        assertThat(ids("/api/v2/photosets/" + to + "/images")).containsExactlyInAnyOrder(a, b, already);
    }

    @Test
    void aMoveToAMissingPhotosetOrOntoTheSameBytesChangesNothing() throws Exception {
        UUID from = make.photoset();
        UUID to = make.photoset();
        byte[] same = TestImages.jpeg(50, 40);
        UUID a = make.image(from, "a.jpg", same, List.of());
        UUID b = image(from, "b.jpg", List.of());
        make.image(to, "other.jpg", same, List.of());

        var missing = api.post("/api/v2/images/bulk", Map.of("ids", List.of(a, b), "photoset_id", UUID.randomUUID(),
                "add_tags", List.of("lost")));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");

        var clash = api.post("/api/v2/images/bulk", Map.of("ids", List.of(a, b), "photoset_id", to, "add_tags", List.of("lost")));
        assertThat(clash.status()).as(clash.toString()).isEqualTo(409);
        assertThat(clash.json().get("detail").asString()).contains(a.toString());

        for (UUID id : List.of(a, b)) {
            assertThat(metadata(id).get("photoset_id").asString()).isEqualTo(from.toString());
            assertThat(tags(id)).isEmpty();
        }
        assertThat(app.files().exists(original(from, "a.jpg"))).isTrue();
        assertThat(storedIn(to)).containsExactly("other.jpg");
        assertThat(api.get("/api/v2/photosets/" + from).json().get("image_count").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v2/photosets/" + to).json().get("image_count").asInt()).isEqualTo(1);
    }

    @Test
    void aMoveThatFailsHalfWayLeavesNoFileBehind() throws Exception {
        UUID from = make.photoset();
        UUID to = make.photoset();
        UUID a = image(from, "a.jpg", List.of());
        UUID b = image(from, "b.jpg", List.of());
        UUID c = image(from, "c.jpg", List.of());
        // the last one in lock order has lost its file: the first two are linked into the target before that shows
        UUID last = java.util.stream.Stream.of(a, b, c).max(UUID::compareTo).orElseThrow();
        String lastName = metadata(last).get("file_name").asString();
        app.files().delete(original(from, lastName));

        var r = api.post("/api/v2/images/bulk", Map.of("ids", List.of(a, b, c), "photoset_id", to));
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.json().get("detail").asString()).contains(last.toString());
        for (UUID id : List.of(a, b, c)) {
            assertThat(metadata(id).get("photoset_id").asString()).isEqualTo(from.toString());
        }
        assertThat(storedIn(from)).hasSize(2);
        assertThat(storedIn(to)).isEmpty();
    }

    @Test
    void deleteRemovesTheImagesAndTheirFiles() throws Exception {
        UUID set = make.photoset();
        UUID a = image(set, "a.jpg", List.of());
        UUID b = image(set, "b.jpg", List.of());
        UUID stays = image(set, "c.jpg", List.of());
        assertThat(api.get("/api/v2/images/" + a + "/thumbnail/small").status()).isEqualTo(200);

        JsonNode r = ok(Map.of("ids", List.of(a, b), "delete", true));
        assertThat(r.get("deleted").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v2/images/" + a + "/metadata").status()).isEqualTo(404);
        assertThat(api.get("/api/v2/images/" + b + "/metadata").status()).isEqualTo(404);
        assertThat(storedIn(set)).containsExactly("c.jpg");
        JsonNode photoset = api.get("/api/v2/photosets/" + set).json();
        assertThat(photoset.get("image_count").asInt()).isEqualTo(1);
        assertThat(photoset.get("cover_image_id").asString()).isEqualTo(stays.toString());
        assertThat(ids("/api/v2/photosets/" + set + "/images")).containsExactly(stays);
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() {
        UUID set = make.photoset();
        UUID a = image(set, "a.jpg", List.of());
        List<Map<String, Object>> bad400 = List.of(
                Map.of("add_tags", List.of("x")),
                Map.of("ids", List.of(a), "filter", Map.of(), "add_tags", List.of("x")),
                Map.of("ids", List.of(a)),
                Map.of("ids", List.of(a), "add_tags", List.of(" ")),
                Map.of("ids", List.of(a), "add_tags", List.of("x"), "remove_tags", List.of("X")),
                Map.of("ids", List.of(a), "delete", true, "add_tags", List.of("x")),
                Map.of("filter", Map.of("colour", "red"), "add_tags", List.of("x")),
                Map.of("ids", java.util.stream.Stream.generate(UUID::randomUUID).limit(ImageBulk.MAX_IDS + 1).toList(),
                        "add_tags", List.of("x")));
        for (var body : bad400) {
            var r = api.post("/api/v2/images/bulk", body);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("detail").asString()).isNotBlank();
        }
        var unknown = api.post("/api/v2/images/bulk", Map.of("ids", List.of(a, UUID.randomUUID()), "add_tags", List.of("x")));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("ids");
        var unknownSet = api.post("/api/v2/images/bulk", Map.of("filter", Map.of("photoset_id", UUID.randomUUID().toString()),
                "add_tags", List.of("x")));
        assertThat(unknownSet.status()).isEqualTo(422);
        assertThat(tags(a)).isEmpty();
    }

    @Test
    void viewersMayNotChangeImages() {
        UUID set = make.photoset();
        UUID a = image(set, "a.jpg", List.of());
        Api viewer = app.as(Role.VIEWER, "read");
        assertThat(viewer.post("/api/v2/images/bulk", Map.of("ids", List.of(a), "delete", true)).status()).isEqualTo(403);
        assertThat(viewer.post("/api/v2/images/bulk", Map.of("ids", List.of(a), "add_tags", List.of("x"))).status()).isEqualTo(403);
        assertThat(viewer.get("/api/v2/images/count?photoset_id=" + set).json().get("count").asInt()).isEqualTo(1);
        assertThat(metadata(a).get("tags")).isEmpty();
    }

    private JsonNode ok(Map<String, Object> body) {
        var r = api.post("/api/v2/images/bulk", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private UUID image(UUID set, String name, List<String> tags) {
        // a new size each time: the same bytes twice in one photoset are refused
        return make.image(set, name, TestImages.jpeg(40 + SIZES.incrementAndGet() % 400, 30), tags);
    }

    private JsonNode metadata(UUID id) {
        return api.get("/api/v2/images/" + id + "/metadata").json();
    }

    private List<String> tags(UUID id) {
        return metadata(id).get("tags").valueStream().map(JsonNode::asString).toList();
    }

    private List<UUID> ids(String path) {
        return api.get(path).json().get("items").valueStream().map(i -> UUID.fromString(i.get("id").asString())).toList();
    }

    private String folderOf(UUID set) {
        return app.sql().fetchValue("select folder from photosets where id = ?",
                db == Db.POSTGRES ? set : set.toString()).toString();
    }

    private FileStore.Key original(UUID set, String fileName) {
        return FileStore.Area.IMAGES.key(folderOf(set) + "/" + fileName);
    }

    /** The names of the originals stored in a photoset's folder. */
    private List<String> storedIn(UUID set) throws Exception {
        String folder = folderOf(set);
        return app.files().list(FileStore.Area.IMAGES, folder).stream()
                .map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
    }
}
