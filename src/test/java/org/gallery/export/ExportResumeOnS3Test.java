package org.gallery.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.InstanceProcess;
import org.gallery.testing.SlowImaging;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.TestS3;
import org.gallery.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;

/**
 * Exports in a bucket go up part by part while they are written; one whose instance is killed is finished by
 * another that shares only the database and the bucket (each instance has an ARCHIVES_DIR of its own), into the same
 * bytes as an uninterrupted export, and no unfinished upload is left behind.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class ExportResumeOnS3Test {

    private static final String FAST_LEASE = "--gallery.jobs.lease-seconds=2";
    private static final String FAST_POLL = "--gallery.jobs.poll-millis=200";
    /** The smallest parts S3 (and the test server) take, so that a few noisy test images fill several. */
    private static final int PART_BYTES = 5 * 1024 * 1024;
    private static final String SMALL_PARTS = "--gallery.storage.resumable-part-bytes=" + PART_BYTES;

    @Parameter
    Db db;

    @Test
    void anExportOfAKilledInstanceIsResumedFromItsLastPartElsewhereAndMatchesAnUninterruptedOne() throws Exception {
        Map<String, String> env = TestApp.deploymentOnS3(db);
        TestApp front = TestApp.startWith(db, ownArchives(env), "--gallery.jobs.enabled=false");
        InstanceProcess child = null;
        TestApp successor = null;
        try (S3Client s3 = TestS3.client()) {
            Api api = front.api;
            int count = 24;
            UUID set = photoset(api, count);
            Map<String, String> childEnv = ownArchives(env);
            childEnv.put("JOB_WORKERS", "1");
            child = InstanceProcess.start(childEnv, front.settings.storage().root().resolve("child.log"),
                    SlowImaging.SOURCE, SlowImaging.delay(600), FAST_LEASE, FAST_POLL, SMALL_PARTS)
                    .awaitUp(Duration.ofSeconds(240));

            // the child's one worker takes the first export; the second, same selection and time stamp, waits
            Map<String, Object> request = Map.of("photoset_id", set, "max_size", 1500, "captions", true);
            UUID killed;
            UUID reference;
            while (true) {
                while (System.currentTimeMillis() % 2000 > 500) {
                    Thread.sleep(20);
                }
                killed = api.post("/api/v2/exports", request).id();
                reference = api.post("/api/v2/exports", request).id();
                if (zipSecond(api, killed) == zipSecond(api, reference)) {
                    break;
                }
                api.delete("/api/v2/exports/" + killed);
                api.delete("/api/v2/exports/" + reference);
            }
            String bucket = env.get("S3_BUCKET");
            String objectKey = "gallery/exports/" + killed + ".zip";
            String killedJob = "/api/v2/jobs/" + killed;
            Waits.until(Duration.ofSeconds(90), () -> partsUploaded(s3, bucket, objectKey), parts -> parts >= 1);
            // one more batch committed: the part sent is recorded with it
            int doneWithPart = api.get(killedJob).json().get("progress").get("done").asInt();
            Waits.until(Duration.ofSeconds(30), () -> api.get(killedJob).json().get("progress").get("done").asInt(),
                    done -> done > doneWithPart);
            child.kill();   // SIGKILL: no shutdown hooks, no release of the job
            JsonNode atKill = api.get(killedJob).json();
            assertThat(atKill.get("status").asString()).isEqualTo("running");
            int doneAtKill = atKill.get("progress").get("done").asInt();
            assertThat(doneAtKill).as("killed part way").isLessThan(count);
            assertThat(api.get("/api/v2/jobs/" + reference).json().get("status").asString()).isEqualTo("queued");

            Map<String, String> successorEnv = ownArchives(env);
            successorEnv.put("JOB_WORKERS", "2");
            successor = TestApp.startWith(db, successorEnv, SlowImaging.SOURCE, FAST_LEASE, FAST_POLL, SMALL_PARTS);
            for (UUID id : List.of(killed, reference)) {
                JsonNode done = Waits.job(api, "/api/v2/jobs/" + id, Duration.ofSeconds(120), "succeeded", "failed");
                assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
                assertThat(done.get("progress").get("done").asInt()).isEqualTo(count);
            }
            assertThat(api.get(killedJob).json().get("attempts").asInt()).as("the child, then the successor")
                    .isEqualTo(2);
            int rendered = count / 2;
            assertThat(successor.context.getBean(SlowImaging.class).renders())
                    .as("the successor made the reference export whole, and of the killed one only what the parts"
                            + " sent before the kill did not hold")
                    .isLessThan(2 * rendered);

            byte[] finished = api.get("/api/v2/exports/" + killed + "/download").body();
            byte[] uninterrupted = api.get("/api/v2/exports/" + reference + "/download").body();
            assertThat(sha256(finished)).as("the resumed ZIP, byte for byte").isEqualTo(sha256(uninterrupted));
            assertThat(finished.length).as("several parts").isGreaterThan(PART_BYTES * 3 / 2);
            Path file = Files.createTempFile("resumed", ".zip");
            try {
                Files.write(file, finished);
                ExportTesting.unzipTest(file);
            } finally {
                Files.deleteIfExists(file);
            }
            var zip = ExportTesting.read(finished);
            assertThat(zip.manifest()).hasSize(count);
            assertThat(zip.files().keySet().stream().filter(n -> n.endsWith(".jpg"))).hasSize(count);
            assertThat(zip.files().keySet().stream().filter(n -> n.endsWith(".txt"))).hasSize(count / 3);

            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).as("no unfinished upload left")
                    .isEmpty();
            for (var instance : List.of(front.settings, successor.settings)) {
                assertThat(instance.storage().archives().resolve("exports")).doesNotExist();
            }
            assertThat(Path.of(childEnv.get("ARCHIVES_DIR")).resolve("exports")).doesNotExist();
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
    void cancellingOrDeletingAnExportAbortsItsUpload() throws Exception {
        Map<String, String> env = ownArchives(TestApp.deploymentOnS3(db));
        env.put("JOB_WORKERS", "1");
        TestApp app = TestApp.startWith(db, env, SlowImaging.SOURCE, SlowImaging.delay(200), SMALL_PARTS);
        try (S3Client s3 = TestS3.client()) {
            Api api = app.api;
            UUID set = photoset(api, 24);
            Map<String, Object> request = Map.of("photoset_id", set, "max_size", 1500);
            String bucket = env.get("S3_BUCKET");
            for (String how : List.of("cancel", "delete")) {
                UUID id = api.post("/api/v2/exports", request).id();
                String objectKey = "gallery/exports/" + id + ".zip";
                Waits.until(Duration.ofSeconds(60), () -> partsUploaded(s3, bucket, objectKey), parts -> parts >= 1);
                int status = how.equals("cancel") ? api.post("/api/v2/jobs/" + id + "/cancel", Map.of()).status()
                        : api.delete("/api/v2/exports/" + id).status();
                assertThat(status).as(how).isIn(200, 204);
                Waits.until(Duration.ofSeconds(10), () -> s3.listMultipartUploads(b -> b.bucket(bucket)).uploads(),
                        List::isEmpty);
                Thread.sleep(1000);
                assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).as(how).isEmpty();
                assertThat(app.stored(org.gallery.storage.FileStore.Area.EXPORTS, id + ".zip")).as(how).isFalse();
            }
        } finally {
            app.close();
        }
    }

    /** The deployment's settings with an archives folder of this instance's own, as on a host of its own. */
    private static Map<String, String> ownArchives(Map<String, String> deployment) throws Exception {
        return TestApp.instanceOf(deployment, "ARCHIVES_DIR", Files.createTempDirectory("gallery-archives").toString());
    }

    /**
     * Half the images are larger than the export's size (made again, slowly), half are noise of about a megabyte
     * copied as they are; every third has a caption.
     */
    private static UUID photoset(Api api, int count) {
        Factories make = new Factories(api);
        UUID set = make.photoset();
        for (int i = 0; i < count; i++) {
            byte[] jpeg = i % 2 == 0 ? TestImages.jpeg(1600, 1200) : noise(1400, 1000 + i);
            UUID id = make.image(set, String.format("img_%03d.jpg", i), jpeg, List.of("t" + i % 3));
            if (i % 3 == 0) {
                api.post("/api/v2/images/" + id + "/caption", Map.of("caption", "caption of image " + i));
            }
        }
        return set;
    }

    /** A JPEG of random pixels: it hardly compresses, so a few fill a part. */
    private static byte[] noise(int width, int height) {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var random = new java.util.Random(height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        var out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "jpg", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Parts sent so far to the unfinished uploads of this object; -1 when one ended while being looked at. */
    private static int partsUploaded(S3Client s3, String bucket, String objectKey) {
        int parts = 0;
        try {
            for (var upload : s3.listMultipartUploads(b -> b.bucket(bucket).prefix(objectKey)).uploads()) {
                parts += s3.listParts(b -> b.bucket(bucket).key(objectKey).uploadId(upload.uploadId())).parts().size();
            }
        } catch (S3Exception completedOrAborted) {
            return -1;
        }
        return parts;
    }

    /** The ZIP's time stamp resolution is two seconds: exports made in the same two seconds have equal bytes. */
    private static long zipSecond(Api api, UUID export) {
        return api.get("/api/v2/jobs/" + export).json().get("params").get("created_at").asLong() / 2000;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
