package org.gallery.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class ConcurrentUploadTest {

    @Parameter
    Db db;

    @Test
    void twentyUploadsAtOnceIntoOnePhotosetAllSucceed() throws Exception {
        TestApp app = TestApp.of(db);
        Api api = app.api;
        UUID set = new Factories(api).photoset();
        List<Callable<Api.Response>> uploads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] jpeg = TestImages.jpeg(200, 150);
            uploads.add(() -> api.upload("same-name.jpg", jpeg, Map.of("photoset_id", set)));
        }
        List<Api.Response> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(20)) {
            for (Future<Api.Response> f : pool.invokeAll(uploads)) {
                responses.add(f.get());
            }
        }
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        var ids = new HashSet<UUID>();
        var names = new HashSet<String>();
        responses.forEach(r -> {
            ids.add(r.id());
            names.add(r.json().get("file_name").asString());
        });
        assertThat(ids).hasSize(20);
        assertThat(names).hasSize(20);
        assertThat(api.get("/api/v2/photosets/" + set).json().get("image_count").asInt()).isEqualTo(20);
        Object folder = app.sql().fetchValue("select folder from photosets where id = ?",
                db == Db.POSTGRES ? set : set.toString());
        try (var files = Files.list(app.imagesDir().resolve(folder.toString()))) {
            assertThat(files.count()).isEqualTo(20);
        }
    }
}
