package org.gallery.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.InstanceProcess;
import org.gallery.testing.SlowImaging;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.Waits;
import org.gallery.thumbnail.ThumbnailService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Jobs over their life: progress, cancel, a killed instance, two instances on one database. */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class ExportJobLifecycleTest {

    private static final String FAST_LEASE = "--gallery.jobs.lease-seconds=2";
    private static final String FAST_POLL = "--gallery.jobs.poll-millis=200";

    @Parameter
    Db db;

    @Test
    void progressMovesAndCancelStopsTheJobAndRemovesItsPartialFile() throws Exception {
        TestApp app = TestApp.startWith(db, Map.of("JOB_WORKERS", "1"), SlowImaging.SOURCE, SlowImaging.delay(150));
        try {
            Api api = app.api;
            UUID set = photosetOf(api, 14);
            Map<String, Object> request = Map.of("photoset_id", set, "max_size", 32);

            UUID first = api.post("/api/v2/exports", request).id();
            List<Integer> seen = new ArrayList<>();
            JsonNode done = Waits.until(Duration.ofSeconds(60), () -> api.get("/api/v2/exports/" + first).json(), j -> {
                seen.add(j.get("progress").get("done").asInt());
                return j.get("status").asString().equals("succeeded");
            });
            assertThat(done.get("progress").get("done").asInt()).isEqualTo(14);
            assertThat(seen).isSorted();
            assertThat(seen).as("progress seen part way").anyMatch(n -> n > 0 && n < 14);

            UUID second = api.post("/api/v2/exports", request).id();
            Path part = app.settings.storage().archives().resolve("exports/." + second + ".zip.part");
            Waits.until(Duration.ofSeconds(30), () -> api.get("/api/v2/exports/" + second).json(),
                    j -> j.get("progress").get("done").asInt() >= 1);
            assertThat(part).exists();
            var cancelled = api.post("/api/v2/jobs/" + second + "/cancel", Map.of());
            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
            Waits.until(Duration.ofSeconds(10), () -> Files.exists(part), exists -> !exists);
            int doneAtCancel = api.get("/api/v2/jobs/" + second).json().get("progress").get("done").asInt();
            Thread.sleep(1500);
            JsonNode after = api.get("/api/v2/jobs/" + second).json();
            assertThat(after.get("status").asString()).isEqualTo("cancelled");
            assertThat(after.get("progress").get("done").asInt()).as("no batch committed after the cancel")
                    .isEqualTo(doneAtCancel);
            assertThat(part).doesNotExist();
            assertThat(api.get("/api/v2/exports/" + second + "/download").status()).isEqualTo(409);

            // a cancelled export starts over when retried
            // an idle worker may claim it before the answer is written
            assertThat(api.post("/api/v2/jobs/" + second + "/retry", Map.of()).json().get("status").asString())
                    .isIn("queued", "running");
            JsonNode retried = Waits.job(api, "/api/v2/exports/" + second, Duration.ofSeconds(60), "succeeded", "failed");
            assertThat(retried.get("status").asString()).isEqualTo("succeeded");
            var zip = ExportTesting.read(api.get("/api/v2/exports/" + second + "/download").body());
            assertThat(zip.manifest()).hasSize(14);

            // DELETE cancels a running export and removes everything
            UUID third = api.post("/api/v2/exports", request).id();
            Waits.until(Duration.ofSeconds(30), () -> api.get("/api/v2/exports/" + third).json(),
                    j -> j.get("progress").get("done").asInt() >= 1);
            assertThat(api.delete("/api/v2/exports/" + third).status()).isEqualTo(204);
            Path thirdPart = app.settings.storage().archives().resolve("exports/." + third + ".zip.part");
            Waits.until(Duration.ofSeconds(10), () -> Files.exists(thirdPart), exists -> !exists);
            assertThat(api.get("/api/v2/exports/" + third).status()).isEqualTo(404);
        } finally {
            app.close();
        }
    }

    @Test
    void aKilledInstancesExportIsResumedWithoutRedoingFinishedImages() throws Exception {
        Map<String, String> env = TestApp.freshEnvironment(db);
        TestApp front = TestApp.startWith(db, env, "--gallery.jobs.enabled=false");
        InstanceProcess child = null;
        TestApp successor = null;
        try {
            Api api = front.api;
            int count = 16;
            UUID set = photosetOf(api, count);
            child = InstanceProcess.start(env, front.settings.storage().root().resolve("child.log"),
                    SlowImaging.SOURCE, SlowImaging.delay(250), FAST_LEASE, FAST_POLL).awaitUp(Duration.ofSeconds(120));
            UUID id = api.post("/api/v2/exports", Map.of("photoset_id", set, "max_size", 32, "captions", true)).id();
            Waits.until(Duration.ofSeconds(60), () -> api.get("/api/v2/jobs/" + id).json(),
                    j -> j.get("progress").get("done").asInt() >= 4);
            child.kill();   // SIGKILL: no shutdown hooks, no release of the job
            JsonNode atKill = api.get("/api/v2/jobs/" + id).json();
            int doneAtKill = atKill.get("progress").get("done").asInt();
            assertThat(atKill.get("status").asString()).isEqualTo("running");
            assertThat(doneAtKill).isLessThan(count);

            successor = TestApp.startWith(db, env, SlowImaging.SOURCE, FAST_LEASE, FAST_POLL);
            JsonNode done = Waits.job(api, "/api/v2/jobs/" + id, Duration.ofSeconds(60), "succeeded", "failed");
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
            assertThat(done.get("attempts").asInt()).isEqualTo(2);
            assertThat(done.get("progress").get("done").asInt()).isEqualTo(count);
            assertThat(successor.context.getBean(SlowImaging.class).renders())
                    .as("only the images not committed before the kill are made again")
                    .isEqualTo(count - doneAtKill);

            Path file = front.settings.storage().archives().resolve("exports/" + id + ".zip");
            ExportTesting.unzipTest(file);
            var zip = ExportTesting.read(file);
            assertThat(zip.files()).hasSize(count + 1);
            List<JsonNode> manifest = zip.manifest();
            assertThat(manifest).hasSize(count);
            assertThat(new HashSet<>(manifest.stream().map(m -> m.get("id").asString()).toList())).hasSize(count);
            for (JsonNode m : manifest) {
                byte[] jpeg = zip.files().get(m.get("file").asString());
                assertThat(ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth()).isEqualTo(32);
            }
            assertThat(front.settings.storage().archives().resolve("exports/." + id + ".zip.part")).doesNotExist();
        } finally {
            if (child != null) {
                child.kill();
            }
            if (successor != null) {
                successor.close();
            }
            front.close();
        }
    }

    @Test
    void anInstanceThatShutsDownHandsItsJobBackAtOnce() throws Exception {
        Map<String, String> env = TestApp.freshEnvironment(db);
        TestApp first = TestApp.startWith(db, env, SlowImaging.SOURCE, SlowImaging.delay(200));
        TestApp second = null;
        try {
            int count = 10;
            UUID set = photosetOf(first.api, count);
            UUID id = first.api.post("/api/v2/exports", Map.of("photoset_id", set, "images", "cropped", "max_size", 40))
                    .id();
            Waits.until(Duration.ofSeconds(60), () -> first.api.get("/api/v2/jobs/" + id).json(),
                    j -> j.get("progress").get("done").asInt() >= 2);
            SlowImaging firstRenders = first.context.getBean(SlowImaging.class);
            first.close();
            // the default lease is 30 s: going on sooner proves the job was handed back, not taken over
            second = TestApp.startWith(db, env, SlowImaging.SOURCE);
            Api api = second.api;
            JsonNode done = Waits.job(api, "/api/v2/jobs/" + id, Duration.ofSeconds(20), "succeeded", "failed");
            assertThat(done.get("status").asString()).isEqualTo("succeeded");
            // the first instance committed everything it made before handing the job back; nothing was made twice
            assertThat(firstRenders.renders()).isGreaterThanOrEqualTo(2);
            assertThat(firstRenders.renders() + second.context.getBean(SlowImaging.class).renders()).isEqualTo(count);
            var zip = ExportTesting.read(second.settings.storage().archives().resolve("exports/" + id + ".zip"));
            assertThat(zip.manifest()).hasSize(count);
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }

    @Test
    void twoInstancesOnOneDatabaseRunEachJobOnce() {
        Map<String, String> env = TestApp.freshEnvironment(db);
        env.put("JOB_WORKERS", "1");
        TestApp one = TestApp.startWith(db, env, FAST_LEASE, FAST_POLL);
        TestApp two = TestApp.startWith(db, env, FAST_LEASE, FAST_POLL);
        try {
            UUID set = photosetOf(one.api, 8);
            ThumbnailService t1 = one.context.getBean(ThumbnailService.class);
            ThumbnailService t2 = two.context.getBean(ThumbnailService.class);
            long before1 = t1.generations();
            long before2 = t2.generations();
            int jobs = 16;
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                Api via = i % 2 == 0 ? one.api : two.api;
                ids.add(via.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", set, "force", true)).id());
            }
            for (UUID id : ids) {
                JsonNode done = Waits.job(one.api, "/api/v2/jobs/" + id, Duration.ofSeconds(120), "succeeded", "failed");
                assertThat(done.get("status").asString()).isEqualTo("succeeded");
                assertThat(done.get("attempts").asInt()).isEqualTo(1);
                assertThat(done.get("progress").get("done").asInt()).isEqualTo(8);
            }
            long made1 = t1.generations() - before1;
            long made2 = t2.generations() - before2;
            assertThat(made1 + made2).as("every job ran exactly once").isEqualTo(jobs * 8L);
            assertThat(made1).as("instance one worked").isPositive();
            assertThat(made2).as("instance two worked").isPositive();
        } finally {
            two.close();
            one.close();
        }
    }

    private static UUID photosetOf(Api api, int images) {
        Factories make = new Factories(api);
        UUID set = make.photoset();
        for (int i = 0; i < images; i++) {
            make.image(set, String.format("img_%03d.jpg", i), TestImages.jpeg(64, 48), List.of());
        }
        return set;
    }
}
