package org.gallery.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * A client generated from /openapi.json must work: a scenario over every operation of the document, each real
 * answer checked against it (status listed, body matching the schema of that status and content type). A new
 * endpoint fails this test until the scenario calls it. The document is left in target/openapi.json for the linter.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class OpenApiContractTest extends ContractCalls {

    @Parameter
    Db db;

    @Test
    void everyOperationAnswersAsTheDocumentSays() throws Exception {
        api = TestApp.of(db).api;
        contract = new OpenApiContract(api, Path.of("target", "openapi.json"));
        assertThat(contract.document().get("openapi").asString()).startsWith("3.1");

        get(V2 + "/health");
        photosetsImagesAndTags();
        new AccountsScenario(TestApp.of(db), contract, unexpected).run();

        assertThat(unexpected).as("answers other than the scenario expects").isEmpty();
        assertThat(contract.disagreements()).as("answers that disagree with the document").isEmpty();
        assertThat(contract.exercised())
                .as("operations of the document the scenario never called: add them to it")
                .containsAll(contract.operations());
    }

    private void photosetsImagesAndTags() {
        String name = Factories.unique("contract");
        UUID set = post(V2 + "/photosets", Map.of("name", name, "date", "2024-07-14", "tags", List.of("beach"))).id();
        UUID bare = post(V2 + "/photosets", Map.of("name", Factories.unique("bare"))).id();
        expect(409, post(V2 + "/photosets", Map.of("name", name.toUpperCase())));
        expect(400, post(V2 + "/photosets", Map.of("name", Factories.unique("bad"), "date", "14/07/2024")));
        expect(400, raw("POST", V2 + "/photosets", "application/json", "{not json"));
        expect(415, raw("POST", V2 + "/photosets", "text/plain", "name=x"));
        expect(200, get(V2 + "/photosets?limit=1"));
        expect(400, get(V2 + "/photosets?limit=0"));
        expect(200, get(V2 + "/photosets/" + bare));
        expect(404, get(V2 + "/photosets/" + UUID.randomUUID()));
        expect(400, get(V2 + "/photosets/not-an-id"));
        expect(200, put(V2 + "/photosets/" + bare, Map.of("source_url", "https://example.org/set")));
        expect(409, put(V2 + "/photosets/" + bare, Map.of("name", name)));

        String tag = "c" + UUID.randomUUID().toString().substring(0, 6);
        byte[] jpeg = TestImages.jpeg(64, 48);
        UUID image = expect(201, upload("a.jpg", jpeg, Map.of("photoset_id", set, "tags", tag))).id();
        UUID loose = expect(201, upload("b.png", TestImages.png(40, 30), Map.of())).id();
        expect(409, upload("again.jpg", jpeg, Map.of("photoset_id", set)));
        expect(415, upload("notes.txt", "just text".getBytes(StandardCharsets.UTF_8), Map.of()));
        expect(413, upload("huge.png", pngClaiming(20_000, 20_000), Map.of()));
        expect(400, upload(null, null, Map.of("photoset_id", set)));
        expect(404, upload("c.jpg", TestImages.jpeg(30, 30), Map.of("photoset_id", UUID.randomUUID())));

        expect(200, get(V2 + "/images?photoset_id=" + set + "&limit=1"));
        expect(200, get(V2 + "/images?tags=" + tag));
        expect(400, get(V2 + "/images?has_caption=maybe"));
        expect(200, get(V2 + "/photosets/" + set + "/images"));
        expect(200, get(V2 + "/images/" + loose + "/metadata"));
        expect(404, get(V2 + "/images/" + UUID.randomUUID() + "/metadata"));

        Api.Response original = expect(200, get(V2 + "/images/" + image));
        expect(304, get(V2 + "/images/" + image, "If-None-Match", original.header("ETag")));
        expect(206, get(V2 + "/images/" + image, "Range", "bytes=0-9"));
        expect(416, get(V2 + "/images/" + image, "Range", "bytes=999999-"));
        expect(404, get(V2 + "/images/" + UUID.randomUUID()));

        Api.Response thumb = expect(200, get(V2 + "/images/" + image + "/thumbnail/small"));
        expect(304, get(V2 + "/images/" + image + "/thumbnail/small", "If-None-Match", thumb.header("ETag")));
        expect(400, get(V2 + "/images/" + image + "/thumbnail/huge"));
        expect(404, get(V2 + "/images/" + UUID.randomUUID() + "/thumbnail/medium"));

        expect(200, post(V2 + "/images/" + image + "/tags", Map.of("tags", List.of("sea", "sun"))));
        expect(400, post(V2 + "/images/" + image + "/tags", Map.of()));
        expect(200, delete(V2 + "/images/" + image + "/tags/sun"));
        expect(200, get(V2 + "/tags?q=" + tag));
        bulk(set, image);

        crops(image);
        new SearchScenario(api, contract, unexpected).run(set, image);
        captions(image, set);
        jobs(set);
        exports(set, image);

        expect(204, delete(V2 + "/images/" + loose));
        expect(404, delete(V2 + "/images/" + loose));
        expect(204, delete(V2 + "/photosets/" + bare));
    }

    private void bulk(UUID set, UUID image) {
        expect(200, get(V2 + "/images/count?photoset_id=" + set + "&has_caption=false"));
        expect(404, get(V2 + "/images/count?photoset_id=" + UUID.randomUUID()));
        expect(200, post(V2 + "/images/bulk", Map.of("ids", List.of(image), "add_tags", List.of("bulk"))));
        expect(200, post(V2 + "/images/bulk", Map.of("filter", Map.of("photoset_id", set.toString()), "remove_tags", List.of("bulk"))));
        expect(200, post(V2 + "/images/bulk", Map.of("ids", List.of(image), "photoset_id", set)));
        expect(400, post(V2 + "/images/bulk", Map.of("ids", List.of(image))));
        expect(404, post(V2 + "/images/bulk", Map.of("ids", List.of(image), "photoset_id", UUID.randomUUID())));
        expect(422, post(V2 + "/images/bulk", Map.of("filter", Map.of("photoset_id", UUID.randomUUID().toString()),
                "delete", true)));
    }

    private void crops(UUID image) {
        String crop = V2 + "/images/" + image + "/crop";
        expect(404, get(crop));
        expect(422, post(crop, Map.of("x", 10, "y", 10, "width", 100, "height", 10)));
        expect(422, post(crop, Map.of("x", 1.5, "y", 0, "width", 10, "height", 10)));
        expect(200, post(crop, Map.of("x", 4, "y", 4, "width", 32, "height", 32, "aspect_ratio", "1:1")));
        expect(200, get(crop));
        expect(200, get(crop + "/suggest?aspect_ratio=1:1"));
        expect(400, get(crop + "/suggest?aspect_ratio=wide"));
        expect(200, get(V2 + "/images/" + image + "/cropped?max_size=16"));
        expect(400, get(V2 + "/images/" + image + "/cropped?size=huge"));
        expect(204, delete(crop));
        expect(404, get(V2 + "/images/" + image + "/cropped"));
    }

    private void captions(UUID image, UUID set) {
        String caption = V2 + "/images/" + image + "/caption";
        expect(404, get(caption));
        expect(200, post(caption, Map.of("caption", "A calm sea")));
        expect(200, get(caption));
        expect(200, get(caption + "?history=true"));
        expect(200, post(caption + "/generate", Map.of("prompt", "Describe.", "generator", "dummy")));
        expect(200, post(caption + "/generate", Map.of("prompt", "Describe.", "save", false)));
        Api.Response stream = expect(200, check("POST", caption + "/generate", api.raw("POST", caption + "/generate",
                "application/json", "{\"prompt\": \"Describe.\"}".getBytes(StandardCharsets.UTF_8),
                "Accept", "text/event-stream")));
        assertThat(stream.text()).contains("event:token").contains("event:done");
        expect(400, post(caption + "/generate", Map.of("prompt", "Describe.", "generator", "nonesuch")));
        expect(200, post(V2 + "/captions/replace", Map.of("find", "calm", "replace", "quiet", "photoset_id", set,
                "dry_run", true)));
        expect(400, post(V2 + "/captions/replace", Map.of("find", "calm", "replace", "quiet")));
        expect(200, post(V2 + "/captions/replace", Map.of("find", "calm", "replace", "quiet",
                "filter", Map.of("photoset_id", set.toString(), "has_caption", true), "dry_run", true)));
        expect(204, delete(caption));
    }

    private void jobs(UUID set) {
        Api.Response started = expect(202, post(V2 + "/captions/jobs", Map.of("photoset_id", set, "prompt", "Describe.",
                "generator", "dummy")));
        String job = started.header("Location");
        JsonNode done = Waits.until(Duration.ofSeconds(60), () -> get(job).json(),
                j -> !List.of("queued", "running").contains(j.get("status").asString()));
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        expect(409, post(job + "/cancel", Map.of()));
        expect(409, post(job + "/retry", Map.of()));
        expect(404, post(V2 + "/jobs/" + UUID.randomUUID() + "/cancel", Map.of()));

        String thumbs = expect(202, post(V2 + "/thumbnails/jobs", Map.of("photoset_id", set, "force", true)))
                .header("Location");
        Api.Response cancelled = post(thumbs + "/cancel", Map.of());
        assertThat(cancelled.status()).isIn(200, 409);
        Waits.until(Duration.ofSeconds(60), () -> get(thumbs).json(),
                j -> !List.of("queued", "running").contains(j.get("status").asString()));
        Api.Response retried = post(thumbs + "/retry", Map.of());
        assertThat(retried.status()).isIn(200, 409);
        expect(200, get(V2 + "/jobs?limit=2"));
        expect(400, get(V2 + "/jobs?status=sleeping"));
        expect(404, get(V2 + "/jobs/" + UUID.randomUUID()));
    }

    private void exports(UUID set, UUID image) {
        Api.Response started = expect(202, post(V2 + "/exports", Map.of("photoset_id", set, "captions", true)));
        String export = started.header("Location");
        JsonNode done = Waits.until(Duration.ofSeconds(60), () -> get(export).json(),
                j -> !List.of("queued", "running").contains(j.get("status").asString()));
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        Api.Response zip = expect(200, get(export + "/download"));
        expect(206, get(export + "/download", "Range", "bytes=0-3"));
        expect(304, get(export + "/download", "If-None-Match", zip.header("ETag")));
        expect(400, post(V2 + "/exports", Map.of("photoset_id", set, "images", "sideways")));
        expect(422, post(V2 + "/exports", Map.of("image_ids", List.of(UUID.randomUUID()))));
        expect(204, delete(export));
        expect(404, get(export));
        expect(404, get(export + "/download"));
        expect(200, get(V2 + "/photosets/" + set + "/export?captions=true"));
        expect(404, get(V2 + "/photosets/" + UUID.randomUUID() + "/export"));
        expect(200, get(V2 + "/export?image_ids=" + image + "&max_size=32"));
        expect(422, get(V2 + "/export?image_ids=" + UUID.randomUUID()));
        expect(400, get(V2 + "/export?image_ids=" + image + "&caption_extension=.doc"));
    }

    /** A PNG whose header claims more pixels than the server takes: refused from the header alone. */
    private static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
