package org.gallery.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.gallery.auth.Role;
import org.gallery.auth.UserService;
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
import tools.jackson.databind.JsonNode;

/**
 * Two instances behind one address, as README's "Running several instances" sets them up: one PostgreSQL database,
 * one Redis, one bucket. Only PostgreSQL: an SQLite file and the in-process cache belong to a single instance, which
 * is what that section says too.
 */
class SeveralInstancesTest {

    private static final Db DB = Db.POSTGRES;
    private static final String FAST_LEASE = "--gallery.jobs.lease-seconds=2";
    private static final String FAST_POLL = "--gallery.jobs.poll-millis=200";

    /** The settings every instance of one deployment shares: database, Redis and bucket. */
    private static Map<String, String> deployment(int jobWorkers) {
        Map<String, String> env = TestApp.deploymentOnS3(DB);
        env.put("JOB_WORKERS", Integer.toString(jobWorkers));
        return env;
    }

    /** One instance's settings: work files, local copies and ARCHIVES_DIR on a disk of its own, as on its own host. */
    private static Map<String, String> instance(Map<String, String> deployment, String... more) {
        Map<String, String> env = TestApp.instanceOf(deployment, more);
        try {
            env.put("ARCHIVES_DIR", Files.createTempDirectory("gallery-instance-archives").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return env;
    }

    @Test
    void whatOneInstanceDoesTheOtherSeesAtOnce() throws Exception {
        Map<String, String> env = deployment(1);
        TestApp a = TestApp.startWith(DB, instance(env), FAST_LEASE, FAST_POLL);
        TestApp b = TestApp.startWith(DB, instance(env), FAST_LEASE, FAST_POLL);
        try {
            // an upload on A is listed, thumbnailed and downloadable on B
            Factories onA = new Factories(a.api);
            UUID set = onA.photoset();
            byte[] jpeg = TestImages.jpeg(640, 480);
            UUID id = onA.image(set, "harbour.jpg", jpeg, List.of("harbour"));
            JsonNode listed = b.api.get("/api/v2/photosets/" + set + "/images").json().get("items");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("id").asString()).isEqualTo(id.toString());
            assertThat(b.api.get("/api/v2/images/" + id).body()).isEqualTo(jpeg);
            for (String size : List.of("small", "medium", "large")) {
                var onB = b.api.get("/api/v2/images/" + id + "/thumbnail/" + size);
                assertThat(onB.status()).as(size).isEqualTo(200);
                assertThat(ImageIO.read(new ByteArrayInputStream(onB.body()))).as(size).isNotNull();
                assertThat(a.api.get("/api/v2/images/" + id + "/thumbnail/" + size).body()).as(size)
                        .isEqualTo(onB.body());
            }

            // a caption, crop or tag changed on B is seen on A at once, even right after A read (and cached) it
            String image = "/api/v2/images/" + id;
            for (int round = 1; round <= 2; round++) {
                JsonNode before = a.api.get(image + "/metadata").json();
                a.api.get(image + "/caption");
                a.api.get(image + "/crop");
                assertThat(before.get("tags").toString()).doesNotContain("dusk-" + round);

                String caption = "boats at dusk, take " + round;
                assertThat(b.api.post(image + "/caption", Map.of("caption", caption)).status()).isEqualTo(200);
                assertThat(b.api.post(image + "/crop", Map.of("x", 10 * round, "y", 20, "width", 300, "height", 200))
                        .status()).isEqualTo(200);
                assertThat(b.api.post(image + "/tags", Map.of("tags", List.of("dusk-" + round))).status())
                        .isEqualTo(200);

                assertThat(a.api.get(image + "/caption").json().get("caption").asString()).isEqualTo(caption);
                assertThat(a.api.get(image + "/crop").json().get("x").asInt()).isEqualTo(10 * round);
                JsonNode after = a.api.get(image + "/metadata").json();
                assertThat(after.get("has_crop").asBoolean()).isTrue();
                assertThat(after.get("tags").toString()).contains("dusk-" + round).contains("harbour");
                assertThat(a.api.get("/api/v2/images?tags=dusk-" + round).json().get("items").toString())
                        .contains(id.toString());
            }

            // a session signed in on A works on B
            String name = Factories.unique("editor").replace(" ", "-");
            a.context.getBean(UserService.class).add(name, Role.EDITOR, "pw-" + name);
            Api signedInOnA = a.signIn(name, "pw-" + name);
            Api sameSessionOnB = b.api.withHeaders("Cookie", signedInOnA.defaultHeaders()[1], "Origin", b.api.base());
            assertThat(signedInOnA.get("/api/v2/auth/me").json().get("name").asString()).isEqualTo(name);
            assertThat(sameSessionOnB.get("/api/v2/auth/me").json().get("name").asString()).isEqualTo(name);
            assertThat(sameSessionOnB.post(image + "/caption", Map.of("caption", "saved on B")).status()).isEqualTo(200);
            assertThat(signedInOnA.get(image + "/caption").json().get("caption").asString()).isEqualTo("saved on B");

            // jobs started on either instance run exactly once, and both instances take some
            for (int i = 0; i < 3; i++) {
                onA.image(set, "more_" + i + ".jpg", TestImages.jpeg(64, 48), List.of());
            }
            ThumbnailService ta = a.context.getBean(ThumbnailService.class);
            ThumbnailService tb = b.context.getBean(ThumbnailService.class);
            long beforeA = ta.generations();
            long beforeB = tb.generations();
            List<UUID> jobs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Api via = i % 2 == 0 ? a.api : b.api;
                jobs.add(via.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", set, "force", true)).id());
            }
            for (UUID job : jobs) {
                JsonNode done = Waits.job(b.api, "/api/v2/jobs/" + job, Duration.ofSeconds(90), "succeeded", "failed");
                assertThat(done.get("status").asString()).isEqualTo("succeeded");
                assertThat(done.get("attempts").asInt()).as("claimed once").isEqualTo(1);
                assertThat(done.get("progress").get("done").asInt()).isEqualTo(4);
            }
            long madeA = ta.generations() - beforeA;
            long madeB = tb.generations() - beforeB;
            assertThat(madeA + madeB).as("every image of every job made once").isEqualTo(8 * 4L);
            assertThat(madeA).as("A worked").isPositive();
            assertThat(madeB).as("B worked").isPositive();
        } finally {
            b.close();
            a.close();
        }
    }

    @Test
    void anExportOfAKilledInstanceIsFinishedByAnotherAndMatchesAnUninterruptedOne() throws Exception {
        Map<String, String> env = deployment(1);
        // A starts beside the front, which serves the API and runs no jobs, so that A's one worker takes the export
        InstanceProcess a = InstanceProcess.start(instance(env), Path.of(env.get("STORAGE_ROOT"), "instance-a.log"),
                SlowImaging.SOURCE, SlowImaging.delay(300), FAST_LEASE, FAST_POLL);
        TestApp front = null;
        TestApp b = null;
        try {
            front = TestApp.startWith(DB, instance(env), "--gallery.jobs.enabled=false");
            int count = 24;
            Factories make = new Factories(front.api);
            UUID set = make.photoset();
            for (int i = 0; i < count; i++) {
                UUID id = make.image(set, String.format("img_%03d.jpg", i), TestImages.jpeg(64, 48), List.of("t" + i % 3));
                if (i % 4 == 0) {
                    front.api.post("/api/v2/images/" + id + "/caption", Map.of("caption", "caption of image " + i));
                }
            }
            a.awaitUp(Duration.ofSeconds(120));
            Api onA = new Api(a.base, front.api.defaultHeaders());

            // A's one worker takes the first export; the second, same selection and same time stamp, waits for B
            Map<String, Object> request = Map.of("photoset_id", set, "max_size", 32, "captions", true);
            UUID killed;
            UUID reference;
            while (true) {
                while (System.currentTimeMillis() % 2000 > 500) {
                    Thread.sleep(20);
                }
                killed = onA.post("/api/v2/exports", request).id();
                reference = onA.post("/api/v2/exports", request).id();
                if (zipSecond(onA, killed) == zipSecond(onA, reference)) {
                    break;
                }
                onA.delete("/api/v2/exports/" + killed);
                onA.delete("/api/v2/exports/" + reference);
            }
            String killedJob = "/api/v2/jobs/" + killed;
            TestApp web = front;
            Waits.until(Duration.ofSeconds(60), () -> web.api.get(killedJob).json(),
                    j -> j.get("progress").get("done").asInt() >= 6);
            a.kill();
            JsonNode atKill = front.api.get(killedJob).json();
            assertThat(atKill.get("status").asString()).isEqualTo("running");
            assertThat(atKill.get("progress").get("done").asInt()).as("killed part way").isLessThan(count);
            assertThat(front.api.get("/api/v2/jobs/" + reference).json().get("status").asString()).isEqualTo("queued");

            // B runs the waiting export from start to end, and takes the killed one over once its lease ran out
            b = TestApp.startWith(DB, instance(env, "JOB_WORKERS", "2"), FAST_LEASE, FAST_POLL);
            for (UUID id : List.of(killed, reference)) {
                JsonNode done = Waits.job(b.api, "/api/v2/jobs/" + id, Duration.ofSeconds(60), "succeeded", "failed");
                assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
                assertThat(done.get("progress").get("done").asInt()).isEqualTo(count);
            }
            assertThat(front.api.get(killedJob).json().get("attempts").asInt()).as("A, then B").isEqualTo(2);
            assertThat(front.api.get("/api/v2/jobs/" + reference).json().get("attempts").asInt()).isEqualTo(1);

            byte[] finished = b.api.get("/api/v2/exports/" + killed + "/download").body();
            byte[] uninterrupted = front.api.get("/api/v2/exports/" + reference + "/download").body();
            assertThat(sha256(finished)).as("the taken-over ZIP, byte for byte").isEqualTo(sha256(uninterrupted));
            try (var s3 = org.gallery.testing.TestS3.client()) {
                assertThat(s3.listMultipartUploads(u -> u.bucket(env.get("S3_BUCKET"))).uploads())
                        .as("no unfinished upload left behind").isEmpty();
            }
            Path file = Files.createTempFile("taken-over", ".zip");
            try {
                Files.write(file, finished);
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    assertThat(zip.stream().filter(e -> e.getName().endsWith(".jpg")).count()).isEqualTo(count);
                    assertThat(zip.getEntry("metadata.jsonl")).isNotNull();
                    assertThat(new String(zip.getInputStream(zip.getEntry("metadata.jsonl")).readAllBytes())
                            .lines().count()).isEqualTo(count);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } finally {
            a.kill();
            if (b != null) {
                b.close();
            }
            if (front != null) {
                front.close();
            }
        }
    }

    /** The ZIP's time stamp resolution is two seconds: exports made in the same two seconds have equal bytes. */
    private static long zipSecond(Api api, UUID export) {
        return api.get("/api/v2/jobs/" + export).json().get("params").get("created_at").asLong() / 2000;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
