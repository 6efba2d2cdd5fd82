package org.gallery.migration.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.gallery.migration.MigrationEnv;
import org.gallery.migration.MigrationTestCase;
import org.gallery.photoset.Photoset;
import org.gallery.photoset.PhotosetService;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ImportCommandTest extends MigrationTestCase {

    @Test
    void importsFoldersWithTheirMetadataTagsAndActors() throws Exception {
        byte[] exif = TestImages.jpegWithExif(300, 200, 6, "2021:05:04 10:11:12", "Canon", "Canon EOS 5D");
        env.image("Summer Trip", "IMG_0001.jpg", exif);
        env.image("Summer Trip", "IMG_0002.png", TestImages.png(40, 30));
        env.image("Summer Trip", "notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
        env.image("No Metadata", "a.jpg", TestImages.jpeg(20, 10));
        env.metadata("Summer Trip.json", """
                {"url": "https://old.example/sets/1", "date": "14/07/2024", "original_filename": "Summer Trip.zip",
                 "actors": ["Ann ", "bob", "Bob"], "tags": ["Beach", " sea  side", "beach"],
                 "rating": 5, "source": {"site": "old", "id": 17}}
                """);
        env.metadata("Lonely.json", """
                {"url": "https://old.example/sets/2", "year": 2019, "tags": "one, two"}
                """);

        int exit = env.runImport();

        assertThat(exit).as(env.out + env.err).isZero();
        Photoset summer = env.photoset("Summer Trip");
        assertThat(summer.sourceUrl()).isEqualTo("https://old.example/sets/1");
        assertThat(summer.date()).isEqualTo("2024-07-14");
        assertThat(summer.year()).isEqualTo(2024);
        assertThat(summer.originalFilename()).isEqualTo("Summer Trip.zip");
        assertThat(summer.actors()).containsExactly("Ann", "bob");
        assertThat(summer.tags()).containsExactly("Beach", "sea side");
        assertThat(summer.extra()).isEqualTo(Map.of("rating", 5, "source", Map.of("site", "old", "id", 17)));
        assertThat(summer.imageCount()).isEqualTo(2);
        assertThat(env.sql().fetchOne("select folder from photosets where name = 'Summer Trip'").get(0)).isEqualTo("Summer Trip");

        var image = env.sql().fetchOne("select width, height, orientation, cast(taken_at as varchar(30)), camera,"
                + " cast(bytes as varchar(30)), sha256, original_filename"
                + " from images where rel_path = 'Summer Trip/IMG_0001.jpg'");
        assertThat(image).isNotNull();
        assertThat(((Number) image.get(0)).intValue()).isEqualTo(200);
        assertThat(((Number) image.get(1)).intValue()).isEqualTo(300);
        assertThat(((Number) image.get(2)).intValue()).isEqualTo(6);
        assertThat(image.get(3)).isEqualTo(Long.toString(java.time.Instant.parse("2021-05-04T10:11:12Z").toEpochMilli()));
        assertThat(image.get(4)).isEqualTo("Canon EOS 5D");
        assertThat(image.get(5)).isEqualTo(Integer.toString(exif.length));
        assertThat(image.get(6)).isEqualTo(sha256(exif));
        assertThat(image.get(7)).isEqualTo("IMG_0001.jpg");

        Photoset plain = env.photoset("No Metadata");
        assertThat(plain.imageCount()).isEqualTo(1);
        assertThat(plain.sourceUrl()).isNull();
        assertThat(plain.tags()).isEmpty();

        Photoset lonely = env.photoset("Lonely");
        assertThat(lonely.imageCount()).isZero();
        assertThat(lonely.year()).isEqualTo(2019);
        assertThat(lonely.date()).isNull();
        assertThat(lonely.tags()).containsExactly("one", "two");

        assertThat(env.out)
                .contains("photosets:  3 created, 0 updated, 0 unchanged, 0 failed")
                .contains("images:     3 registered, 0 already registered, 1 files not registered")
                .contains("metadata:   2 files, 0 malformed, 1 without a folder")
                .contains("Lonely.json: no folder Lonely in the images folder")
                .contains("Summer Trip/notes.txt: not registered");
        assertThat(env.count("migration_rejected_files")).isEqualTo(1);
    }

    @Test
    void readsEveryDateFormatTheOldFilesContain() {
        Map<String, String> dates = new java.util.LinkedHashMap<>();
        dates.put("\"2024-07-14\"", "2024-07-14");
        dates.put("\"2024-07-14T22:10:00Z\"", "2024-07-14");
        dates.put("\"2024-07-14 22:10:00\"", "2024-07-14");
        dates.put("\"14/07/2024\"", "2024-07-14");
        dates.put("\"07/14/2024\"", "2024-07-14");
        dates.put("\"14.07.2024\"", "2024-07-14");
        dates.put("\"2024/07/14\"", "2024-07-14");
        dates.put("\"14 July 2024\"", "2024-07-14");
        dates.put("\"July 14, 2024\"", "2024-07-14");
        dates.put("\"Jul 14 2024\"", "2024-07-14");
        dates.put("\"14th Jul 2024\"", "2024-07-14");
        dates.put("\"Sunday, 14 July 2024\"", "2024-07-14");
        dates.put("\"20240714\"", "2024-07-14");
        dates.put("1720915200", "2024-07-14");
        int n = 0;
        for (var e : dates.entrySet()) {
            env.metadata("date" + (++n) + ".json", "{\"date\": " + e.getKey() + "}");
        }
        env.metadata("yearonly.json", "{\"date\": \"July 2023\"}");
        env.metadata("bad.json", "{\"date\": \"sometime in spring\"}");

        assertThat(env.runImport()).as(env.out).isZero();

        n = 0;
        for (var e : dates.entrySet()) {
            Photoset p = env.photoset("date" + (++n));
            assertThat(p.date()).as("date %s", e.getKey()).isEqualTo(e.getValue());
            assertThat(p.year()).as("year from %s", e.getKey()).isEqualTo(2024);
        }
        assertThat(env.photoset("yearonly").year()).isEqualTo(2023);
        assertThat(env.photoset("yearonly").date()).isNull();
        Photoset bad = env.photoset("bad");
        assertThat(bad.date()).isNull();
        assertThat(bad.extra()).isEqualTo(Map.of("date", "sometime in spring"));
        assertThat(env.out).contains("bad.json: date \"sometime in spring\" is not a date in a known format");
    }

    @Test
    void byteOrderMarkCrlfAndMalformedFiles() throws Exception {
        env.image("Bom", "a.jpg", TestImages.jpeg(10, 10));
        env.image("Broken", "b.jpg", TestImages.jpeg(10, 10));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "{\r\n  \"url\": \"https://x.example/a\",\r\n  \"tags\": [\"crlf\"]\r\n}\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(body, 0, withBom, bom.length, body.length);
        MigrationEnv.write(env.archives().resolve("Bom.json"), withBom);
        env.metadata("Broken.json", "{\"url\": \"https://x.example/b\", \"tags\": [\"a\",");
        env.metadata("Array.json", "[1, 2, 3]");
        MigrationEnv.write(env.archives().resolve("Latin.json"), "{\"tags\": [\"Café\"]}".getBytes(StandardCharsets.ISO_8859_1));

        int exit = env.runImport();

        assertThat(exit).as("malformed files make the run fail, the rest is imported").isEqualTo(1);
        assertThat(env.photoset("Bom").sourceUrl()).isEqualTo("https://x.example/a");
        assertThat(env.photoset("Bom").tags()).containsExactly("crlf");
        assertThat(env.photoset("Bom").imageCount()).isEqualTo(1);
        assertThat(env.photoset("Broken").sourceUrl()).as("its folder is imported by name alone").isNull();
        assertThat(env.photoset("Broken").imageCount()).isEqualTo(1);
        assertThat(env.photoset("Latin").tags()).containsExactly("Café");
        assertThat(env.out)
                .contains("Broken.json: malformed JSON")
                .contains("Array.json: malformed JSON: expected an object")
                .contains("metadata:   4 files, 2 malformed")
                .contains("Latin.json: not UTF-8; read as Windows-1252 text");
        assertThat(env.sql().fetchOne("select status from migration_metadata where file_name = 'Broken.json'").get(0))
                .isEqualTo("malformed");
    }

    @Test
    void matchesMetadataByOriginalFilenameAndNamesFoldersAfterTheirArchive() {
        env.image("Holiday 2020", "a.jpg", TestImages.jpeg(10, 10));
        env.metadata("12345.json", "{\"original_filename\": \"C:\\\\Downloads\\\\Holiday 2020.zip\", \"tags\": [\"sun\"]}");
        env.image("Week_ end", "b.jpg", TestImages.jpeg(10, 10));
        MigrationEnv.write(env.images().resolve("Week_ end/.gallery-extract.json"),
                "{\"format\":1,\"archives\":{\"Week: end.zip\":{\"size\":1,\"modified\":1,\"complete\":true,\"entries\":[]}},\"files\":{}}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(env.runImport()).as(env.out).isZero();

        Photoset matched = env.photoset("12345");
        assertThat(matched.tags()).containsExactly("sun");
        assertThat(matched.imageCount()).isEqualTo(1);
        assertThat(env.sql().fetchOne("select folder from photosets where name = '12345'").get(0)).isEqualTo("Holiday 2020");
        assertThat(env.photoset("Week: end").imageCount()).isEqualTo(1);
    }

    @Test
    void rerunAddsNothingAndAChangedFolderIsUpdated() throws Exception {
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 4; i++) {
                env.image("Set " + s, "img" + i + ".jpg", TestImages.jpeg(16 + i, 12));
            }
            env.metadata("Set " + s + ".json", "{\"tags\": [\"t" + s + "\"], \"actors\": [\"A" + s + "\"]}");
        }
        assertThat(env.runImport()).as(env.out).isZero();
        List<String> first = env.dump();

        assertThat(env.runImport()).as(env.out).isZero();

        assertThat(env.dump()).isEqualTo(first);
        assertThat(env.out).contains("photosets:  0 created, 0 updated, 3 unchanged, 0 failed")
                .contains("images:     0 registered, 12 already registered");

        env.image("Set 1", "new.jpg", TestImages.jpeg(30, 30));
        env.metadata("Set 2.json", "{\"tags\": [\"changed\"]}");
        assertThat(env.runImport()).as(env.out).isZero();

        assertThat(env.out).contains("photosets:  0 created, 2 updated, 1 unchanged, 0 failed")
                .contains("images:     1 registered, 12 already registered");
        assertThat(env.photoset("Set 1").imageCount()).isEqualTo(5);
        assertThat(env.photoset("Set 2").tags()).containsExactly("changed");
        assertThat(env.photoset("Set 2").actors()).containsExactly("A2");
        assertThat(env.count("images")).isEqualTo(13);
    }

    @Test
    void duplicateBytesInOneFolderAreRegisteredOnce() {
        byte[] same = TestImages.jpeg(20, 20);
        env.image("Dupes", "a.jpg", same);
        env.image("Dupes", "b.jpg", same);

        assertThat(env.runImport()).as(env.out).isZero();

        assertThat(env.photoset("Dupes").imageCount()).isEqualTo(1);
        assertThat(env.out).contains("Dupes/b.jpg: not registered, the same bytes as image");
        assertThat(env.runImport()).isZero();
        assertThat(env.out).contains("1 unchanged");
    }

    @Test
    void aNameTakenByAPhotosetInAnotherFolderFailsThatPhotosetOnly() {
        env.context().getBean(PhotosetService.class).create(
                new org.gallery.photoset.PhotosetRequest("Taken", null, null, null, null, null, null, null));
        env.image("taken", "a.jpg", TestImages.jpeg(10, 10));
        env.metadata("taken.json", "{}");
        env.image("Fine", "a.jpg", TestImages.jpeg(10, 10));

        assertThat(env.runImport()).isEqualTo(1);

        assertThat(env.out).contains("a photoset named 'Taken' already exists with its files in folder Taken, not in taken");
        assertThat(env.photoset("Fine").imageCount()).isEqualTo(1);
        assertThat(env.count("images")).isEqualTo(1);
        assertThat(env.sql().fetchOne("select status from migration_folders where folder = 'taken'").get(0)).isEqualTo("failed");
    }

    @Test
    void jsonSummaryGoesToStandardOutput() throws Exception {
        env.image("J", "a.jpg", TestImages.jpeg(10, 10));
        env.metadata("J.json", "{\"tags\": [\"x\"]}");

        assertThat(env.runImport("--json")).isZero();

        JsonNode json = JsonMapper.builder().build().readTree(env.out);
        assertThat(json.get("photosets_created").asInt()).isEqualTo(1);
        assertThat(json.get("images_registered").asInt()).isEqualTo(1);
        assertThat(json.get("photosets").get(0).get("outcome").asString()).isEqualTo("created");
        assertThat(json.get("photosets").get(0).get("folder").asString()).isEqualTo("J");
        assertThat(env.err).contains("import");
    }

    @Test
    void missingMetadataFolderGivenExplicitlyIsAClearError() {
        assertThat(env.runImport("--metadata", env.base.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(env.err).contains("metadata folder").contains("does not exist");
    }

    @Test
    void aDatabaseWithoutTheMigrationTablesIsAClearError() {
        var values = new java.util.HashMap<>(env.env);
        values.put("AUTO_MIGRATE", "false");
        var settings = org.gallery.config.SettingsLoader.load(values, env.base);
        new org.gallery.db.SchemaMigrations(settings.database()).upgrade("002_captions_crops");
        env.image("A", "a.jpg", TestImages.jpeg(10, 10));

        int exit = env.run(new ImportCommand(() -> settings, org.gallery.migration.MigrationServices.Opener.DEFAULT, false));

        assertThat(exit).isEqualTo(1);
        assertThat(env.err).contains("lacks the migration tables of revision 003_migration").contains("gallery db upgrade");
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
