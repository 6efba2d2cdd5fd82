package org.gallery.web.openapi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Api;
import org.gallery.testing.Waits;

/** The search part of the contract scenario: ranked text search, near-duplicates, similar images, the hash job. */
final class SearchScenario extends ContractCalls {

    SearchScenario(Api api, OpenApiContract contract, List<String> unexpected) {
        this.api = api;
        this.contract = contract;
        this.unexpected = unexpected;
    }

    void run(UUID set, UUID image) {
        expect(200, get(V2 + "/search?q=sea&photoset_id=" + set + "&limit=5"));
        expect(400, get(V2 + "/search?q=sea&limit=0"));
        expect(503, get(V2 + "/search?q=sea&mode=semantic"));
        expect(200, get(V2 + "/duplicates?photoset_id=" + set));
        expect(400, get(V2 + "/duplicates?max_distance=99"));
        expect(200, get(V2 + "/images/" + image + "/similar?by=pixels"));
        expect(503, get(V2 + "/images/" + image + "/similar?by=embeddings"));
        // embeddings are off in this scenario: their endpoints say which setting turns them on
        expect(200, get(V2 + "/embeddings"));
        expect(503, post(V2 + "/embeddings/jobs", Map.of()));
        expect(503, multipart(V2 + "/search/image", "q.jpg", org.gallery.testing.TestImages.jpeg(40, 30), Map.of()));
        expect(404, get(V2 + "/images/" + UUID.randomUUID() + "/similar"));
        Api.Response job = post(V2 + "/duplicates/jobs", Map.of("photoset_id", set));
        if (job.status() == 202) {
            Waits.until(Duration.ofSeconds(60), () -> get(job.header("Location")).json(),
                    j -> !List.of("queued", "running").contains(j.get("status").asString()));
        } else {
            expect(422, job);
        }
    }
}
