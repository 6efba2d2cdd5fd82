package org.gallery.migration.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the old system's metadata files and dates, without a database. */
class MetadataFileTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2024-07-14|2024-07-14",
        "2024-7-4|2024-07-04",
        "2024-07-14T10:11:12|2024-07-14",
        "2024-07-14T23:30:00-05:00|2024-07-14",
        "2024-07-14 10:11|2024-07-14",
        "14/07/2024|2024-07-14",
        "4/7/2024|2024-07-04",
        "07/14/2024|2024-07-14",
        "14.07.2024|2024-07-14",
        "14-07-2024|2024-07-14",
        "2024/07/14|2024-07-14",
        "2024.07.14|2024-07-14",
        "20240714|2024-07-14",
        "14 July 2024|2024-07-14",
        "14 jul 2024|2024-07-14",
        "14th of July 2024|2024-07-14",
        "1st July 2024|2024-07-01",
        "July 14, 2024|2024-07-14",
        "JULY 14 2024|2024-07-14",
        "Sept. 3, 2021|2021-09-03",
        "Sun, 14 Jul 2024|2024-07-14",
        "Sunday July 14th, 2024|2024-07-14",
    })
    void readsDates(String text, String iso) {
        OldDates.Parsed parsed = OldDates.parse(text);
        assertThat(parsed).as(text).isNotNull();
        assertThat(parsed.date()).isEqualTo(LocalDate.parse(iso));
        assertThat(parsed.year()).isEqualTo(LocalDate.parse(iso).getYear());
    }

    @Test
    void yearsAloneAndNonsense() {
        assertThat(OldDates.parse("2019")).isEqualTo(new OldDates.Parsed(null, 2019));
        assertThat(OldDates.parse("March 2018")).isEqualTo(new OldDates.Parsed(null, 2018));
        assertThat(OldDates.parse("31/02/2024")).as("no such day").isNull();
        assertThat(OldDates.parse("13/13/2024")).isNull();
        assertThat(OldDates.parse("Smarch 3, 2024")).isNull();
        assertThat(OldDates.parse("soon")).isNull();
        assertThat(OldDates.parse("")).isNull();
        assertThat(OldDates.parse(1_720_915_200L).date()).isEqualTo(LocalDate.of(2024, 7, 14));
        assertThat(OldDates.parse(1_720_915_200_000L).date()).isEqualTo(LocalDate.of(2024, 7, 14));
        assertThat(OldDates.parse(2015L)).isEqualTo(new OldDates.Parsed(null, 2015));
        assertThat(OldDates.year("2015")).isEqualTo(2015);
        assertThat(OldDates.year("2015.0")).isEqualTo(2015);
        assertThat(OldDates.year("15")).isNull();
    }

    @Test
    void knownFieldsUnknownFieldsAndCleanNames() {
        String nfd = "Rene\u0301e";   // Renée with a combining accent
        var m = MetadataFile.parse("X.json", ("{\"url\": \" https://a.example/x \", \"date\": \"14 July 2024\","
                + " \"original_filename\": \"X.zip\", \"actors\": [\" Ann  Lee \", \"ann lee\", \"" + nfd + "\", \"\", null],"
                + " \"tags\": [\"B\", \"a\", 7], \"Rating\": 4.5, \"nested\": {\"k\": [1, 2]}}").getBytes(StandardCharsets.UTF_8));
        assertThat(m.malformed()).isFalse();
        var f = m.fields();
        assertThat(f.sourceUrl()).isEqualTo("https://a.example/x");
        assertThat(f.date()).isEqualTo("2024-07-14");
        assertThat(f.year()).isEqualTo(2024);
        assertThat(f.originalFilename()).isEqualTo("X.zip");
        assertThat(f.actors()).containsExactly("Ann Lee", "Ren\u00e9e");
        assertThat(f.tags()).containsExactly("B", "a", "7");
        assertThat(f.extra()).isEqualTo(Map.of("Rating", 4.5, "nested", Map.of("k", List.of(1, 2))));
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void yearGivenWinsOverTheDatesYear() {
        var f = MetadataFile.parse("Y.json", "{\"date\": \"2020-01-02\", \"year\": \"2019\"}".getBytes(StandardCharsets.UTF_8)).fields();
        assertThat(f.date()).isEqualTo("2020-01-02");
        assertThat(f.year()).isEqualTo(2019);
    }

    @Test
    void valuesThatCannotBeUnderstoodAreKeptInExtraWithAWarning() {
        var m = MetadataFile.parse("Z.json", ("{\"date\": \"whenever\", \"year\": \"MMXX\", \"url\": {\"href\": \"x\"},"
                + " \"tags\": {\"a\": 1}, \"actors\": \"" + "x".repeat(150) + ", Bea\"}").getBytes(StandardCharsets.UTF_8));
        var f = m.fields();
        assertThat(f.date()).isNull();
        assertThat(f.year()).isNull();
        assertThat(f.sourceUrl()).isNull();
        assertThat(f.tags()).isNull();
        assertThat(f.actors()).containsExactly("Bea");
        assertThat(f.extra()).containsEntry("date", "whenever").containsEntry("year", "MMXX")
                .containsEntry("url", Map.of("href", "x"));
        assertThat(m.warnings()).hasSize(5);
    }

    @Test
    void byteOrderMarkCrlfAndWindowsText() {
        byte[] bom = "\uFEFF{\r\n\"tags\": [\"x\"]\r\n}\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(MetadataFile.parse("a.json", bom).fields().tags()).containsExactly("x");
        byte[] latin = "{\"tags\": [\"Caf\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1);
        var m = MetadataFile.parse("b.json", latin);
        assertThat(m.fields().tags()).containsExactly("Caf\u00e9");
        assertThat(m.warnings()).containsExactly("not UTF-8; read as Windows-1252 text");
    }

    @Test
    void malformedFiles() {
        assertThat(MetadataFile.parse("a.json", "{\"a\": ".getBytes()).error()).startsWith("malformed JSON");
        assertThat(MetadataFile.parse("b.json", "".getBytes()).malformed()).isTrue();
        assertThat(MetadataFile.parse("c.json", "\"just text\"".getBytes()).error()).contains("expected an object");
        assertThat(MetadataFile.parse("d.json", "{} {}".getBytes()).malformed()).isTrue();
    }

    @Test
    void baseNames() {
        assertThat(MetadataFile.baseName("Summer.json")).isEqualTo("Summer");
        assertThat(MetadataFile.baseName("Summer.zip.json")).isEqualTo("Summer");
        assertThat(MetadataFile.baseName("Summer.RAR.JSON")).isEqualTo("Summer");
        assertThat(MetadataFile.baseName("  Two  words .json")).isEqualTo("Two words");
    }
}
