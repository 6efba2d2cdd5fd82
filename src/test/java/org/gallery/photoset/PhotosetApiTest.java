package org.gallery.photoset;

import org.gallery.testing.ApiTestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PhotosetApiTest extends ApiTestCase {

    @Test
    void createsAndReadsBackEveryField() {
        String name = Factories.unique("Summer");
        var created = api.post("/api/v2/photosets", Map.of(
                "name", "  " + name + "  ", "date", "2024-07-14", "source_url", "https://example.org/s/1",
                "original_filename", "summer.zip", "actors", List.of("Ann", "Bob", "ann"), "tags", List.of("Beach", "sun")));
        assertThat(created.status()).isEqualTo(201);
        UUID id = created.id();
        assertThat(created.header("Location")).isEqualTo("/api/v2/photosets/" + id);

        JsonNode got = api.get("/api/v2/photosets/" + id).json();
        assertThat(got.get("name").asString()).isEqualTo(name);
        assertThat(got.get("year").asInt()).isEqualTo(2024);
        assertThat(got.get("date").asString()).isEqualTo("2024-07-14");
        assertThat(got.get("source_url").asString()).isEqualTo("https://example.org/s/1");
        assertThat(got.get("original_filename").asString()).isEqualTo("summer.zip");
        assertThat(names(got.get("actors"))).containsExactly("Ann", "Bob");
        assertThat(names(got.get("tags"))).containsExactly("Beach", "sun");
        assertThat(got.get("image_count").asInt()).isZero();
        assertThat(got.get("cover_image_id").isNull()).isTrue();
        assertThat(got.get("created_at").asString()).endsWith("Z");
        assertThat(UUID.fromString(got.get("id").asString()).version()).isEqualTo(7);
    }

    @Test
    void nameIsUniqueIgnoringCase() {
        String name = Factories.unique("Unique");
        make.photoset(name, Map.of());
        var clash = api.post("/api/v2/photosets", Map.of("name", name.toUpperCase()));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.header("Content-Type")).startsWith("application/problem+json");
        assertThat(clash.json().get("detail").asString()).contains("already exists");
    }

    @Test
    void rejectsBadFieldsListingEachAndStoresNothing() {
        String name = Factories.unique("Bad");
        var r = api.post("/api/v2/photosets", Map.of("name", name, "year", 12, "date", "14/07/2024"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("year", "date");
        var list = api.get("/api/v2/photosets?q=" + enc(name)).json();
        assertThat(list.get("items").size()).isZero();

        assertThat(api.post("/api/v2/photosets", Map.of("name", "   ")).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/photosets", Map.of("year", 2020)).json().get("errors").get(0).get("field").asString())
                .isEqualTo("name");
    }

    @Test
    void updateChangesOnlyGivenFields() {
        UUID id = make.photoset(Factories.unique("Update"), Map.of("year", 2001, "tags", List.of("a")));
        String renamed = Factories.unique("Renamed");
        var r = api.put("/api/v2/photosets/" + id, Map.of("name", renamed, "tags", List.of("b", "c")));
        assertThat(r.status()).isEqualTo(200);
        JsonNode got = api.get("/api/v2/photosets/" + id).json();
        assertThat(got.get("name").asString()).isEqualTo(renamed);
        assertThat(got.get("year").asInt()).isEqualTo(2001);
        assertThat(names(got.get("tags"))).containsExactly("b", "c");
    }

    @Test
    void renameOntoAnotherNameIsAConflict() {
        String taken = Factories.unique("Taken");
        make.photoset(taken, Map.of());
        UUID other = make.photoset();
        var r = api.put("/api/v2/photosets/" + other, Map.of("name", taken.toLowerCase()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(api.get("/api/v2/photosets/" + other).json().get("name").asString()).isNotEqualTo(taken);
    }

    @Test
    void unknownPhotosetIs404() {
        UUID missing = UUID.randomUUID();
        assertThat(api.get("/api/v2/photosets/" + missing).status()).isEqualTo(404);
        assertThat(api.put("/api/v2/photosets/" + missing, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(api.delete("/api/v2/photosets/" + missing).status()).isEqualTo(404);
    }

    @Test
    void listFiltersByTextYearTagAndActor() {
        String marker = "flt" + UUID.randomUUID().toString().substring(0, 6);
        UUID a = make.photoset(marker + " Alpha", Map.of("year", 2019, "tags", List.of("Forest"), "actors", List.of("Zoe")));
        UUID b = make.photoset(marker + " Beta", Map.of("year", 2020, "tags", List.of("forest", "Lake")));
        make.photoset(marker + " Gamma", Map.of("year", 2020, "actors", List.of("Max")));

        assertThat(ids("/api/v2/photosets?q=" + marker)).hasSize(3);
        assertThat(ids("/api/v2/photosets?q=" + marker.toUpperCase() + "%20ALPHA")).containsExactly(a);
        assertThat(ids("/api/v2/photosets?q=" + marker + "&year=2019")).containsExactly(a);
        assertThat(ids("/api/v2/photosets?q=" + marker + "&tag=FOREST")).containsExactly(a, b);
        assertThat(ids("/api/v2/photosets?q=" + marker + "&actor=zoe")).containsExactly(a);
    }

    @Test
    void sortsAndPagesWithoutGapsOrRepeats() {
        String marker = "pg" + UUID.randomUUID().toString().substring(0, 6);
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(make.photoset(marker + " " + (char) ('a' + i), Map.of("year", 2000 + (i % 3))));
        }
        List<UUID> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.get("/api/v2/photosets?q=" + marker + "&sort=name&order=desc&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(n -> paged.add(UUID.fromString(n.get("id").asString())));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(made.reversed());

        List<UUID> byYear = new ArrayList<>();
        cursor = null;
        do {
            var page = api.get("/api/v2/photosets?q=" + marker + "&sort=year&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(n -> byYear.add(UUID.fromString(n.get("id").asString())));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        } while (cursor != null);
        assertThat(byYear).hasSize(7).containsExactlyInAnyOrderElementsOf(made);
        var years = byYear.stream().map(id -> api.get("/api/v2/photosets/" + id).json().get("year").asInt()).toList();
        assertThat(years).isSorted();
    }

    @Test
    void badListParametersAre400() {
        assertThat(api.get("/api/v2/photosets?sort=colour").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/photosets?order=up").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/photosets?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/photosets?limit=501").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/photosets?cursor=not-a-cursor").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/photosets?year=abc").status()).isEqualTo(400);
        String nameCursor = api.get("/api/v2/photosets?limit=1").json().get("next_cursor").asString();
        assertThat(api.get("/api/v2/photosets?sort=created&cursor=" + nameCursor).status()).isEqualTo(400);
    }

    @Test
    void deleteRemovesImagesFilesAndFolder() throws Exception {
        UUID set = make.photoset();
        UUID first = make.image(set);
        UUID second = make.image(set);
        var folder = app.imagesDir().resolve(app.sql().fetchValue(
                "select folder from photosets where id = ?", db == Db.POSTGRES ? set : set.toString()).toString());
        assertThat(Files.list(folder).count()).isEqualTo(2);

        assertThat(api.delete("/api/v2/photosets/" + set).status()).isEqualTo(204);

        assertThat(api.get("/api/v2/photosets/" + set).status()).isEqualTo(404);
        assertThat(api.get("/api/v2/images/" + first + "/metadata").status()).isEqualTo(404);
        assertThat(api.get("/api/v2/images/" + second).status()).isEqualTo(404);
        assertThat(folder).doesNotExist();
    }

    @Test
    void countAndCoverFollowImages() {
        UUID set = make.photoset();
        UUID first = make.image(set);
        UUID second = make.image(set);
        JsonNode got = api.get("/api/v2/photosets/" + set).json();
        assertThat(got.get("image_count").asInt()).isEqualTo(2);
        assertThat(got.get("cover_image_id").asString()).isEqualTo(first.toString());

        api.delete("/api/v2/images/" + first);
        got = api.get("/api/v2/photosets/" + set).json();
        assertThat(got.get("image_count").asInt()).isEqualTo(1);
        assertThat(got.get("cover_image_id").asString()).isEqualTo(second.toString());

        api.delete("/api/v2/images/" + second);
        got = api.get("/api/v2/photosets/" + set).json();
        assertThat(got.get("image_count").asInt()).isZero();
        assertThat(got.get("cover_image_id").isNull()).isTrue();
    }

    private List<UUID> ids(String path) {
        var r = api.get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        r.json().get("items").forEach(n -> ids.add(UUID.fromString(n.get("id").asString())));
        return ids;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
