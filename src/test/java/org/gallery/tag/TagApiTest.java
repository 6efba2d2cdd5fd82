package org.gallery.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class TagApiTest {

    @Parameter
    Db db;

    @Test
    void listsTagsWithCountsByPrefixAndPages() {
        Api api = TestApp.of(db).api;
        Factories make = new Factories(api);
        String p = "t" + UUID.randomUUID().toString().substring(0, 6);
        UUID set = make.photoset(Factories.unique("tagged"), Map.of("tags", List.of(p + "-ocean")));
        make.image(set, "a.jpg", TestImages.jpeg(20, 20), List.of(p + "-ocean", p + "-boat"));
        make.image(set, "b.jpg", TestImages.jpeg(20, 20), List.of(p + "-OCEAN"));
        make.image(null, "c.jpg", TestImages.jpeg(20, 20), List.of(p + "-cliff"));

        JsonNode page = api.get("/api/v2/tags?q=" + p.toUpperCase()).json();
        assertThat(page.get("items").size()).isEqualTo(3);
        JsonNode ocean = page.get("items").get(2);
        assertThat(ocean.get("name").asString()).isEqualTo(p + "-ocean");
        assertThat(ocean.get("image_count").asInt()).isEqualTo(2);
        assertThat(ocean.get("photoset_count").asInt()).isEqualTo(1);

        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode r = api.get("/api/v2/tags?q=" + p + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            r.get("items").forEach(n -> names.add(n.get("name").asString()));
            cursor = r.get("next_cursor").isNull() ? null : r.get("next_cursor").asString();
        } while (cursor != null);
        assertThat(names).containsExactly(p + "-boat", p + "-cliff", p + "-ocean");
    }

    @Test
    void namesAreNormalisedAndUniqueIgnoringCase() {
        Api api = TestApp.of(db).api;
        Factories make = new Factories(api);
        // "é" written as e + combining accent and as one code point is the same tag after NFC
        String p = "n" + UUID.randomUUID().toString().substring(0, 6);
        make.image(null, "a.jpg", TestImages.jpeg(20, 20), List.of(p + "-cafe\u0301"));
        make.image(null, "b.jpg", TestImages.jpeg(20, 20), List.of("  " + p + "-CAF\u00C9  "));
        JsonNode items = api.get("/api/v2/tags?q=" + p).json().get("items");
        assertThat(items.size()).isEqualTo(1);
        assertThat(items.get(0).get("name").asString()).isEqualTo(p + "-caf\u00e9");
        assertThat(items.get(0).get("image_count").asInt()).isEqualTo(2);
    }
}
