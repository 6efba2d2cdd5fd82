package org.gallery.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data made through the API, with unique names so tests never collide. */
public final class Factories {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Api api;

    public Factories(Api api) {
        this.api = api;
    }

    public static String unique(String prefix) {
        return prefix + " " + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public UUID photoset(String name, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("name", name);
        var r = api.post("/api/v2/photosets", body);
        if (r.status() != 201) {
            throw new AssertionError("photoset not created: " + r);
        }
        return r.id();
    }

    public UUID photoset() {
        return photoset(unique("set"), Map.of());
    }

    public UUID image(UUID photosetId, String fileName, byte[] content, List<String> tags) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (photosetId != null) {
            fields.put("photoset_id", photosetId);
        }
        if (tags != null && !tags.isEmpty()) {
            fields.put("tags", String.join(",", tags));
        }
        var r = api.upload(fileName, content, fields);
        if (r.status() != 201) {
            throw new AssertionError("image not uploaded: " + r);
        }
        return r.id();
    }

    public UUID image(UUID photosetId) {
        return image(photosetId, "photo.jpg", TestImages.jpeg(64, 48), List.of());
    }
}
