package org.gallery.bench;

import io.lettuce.core.RedisClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gallery.imaging.ImagingEngine;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.TestS3;
import org.gallery.testing.Waits;

/**
 * Per-instance figures for the capacity model in docs/scaling.md, run on demand (bench/capacity.sh), not by the
 * test suite: one instance on PostgreSQL, Redis and an S3 bucket, loaded from clients in the same JVM (so every
 * rate is a lower bound, and each has a reference measured the same way in the same run).
 */
public final class CapacityBenchmark {

    private static final int CLIENTS = 4;

    public static void main(String[] args) throws Exception {
        int photos = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 15;
        long modelMillis = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        long embeddingMillis = args.length > 4 ? Long.parseLong(args[4]) : 100;
        int width = Integer.getInteger("bench.width", 3000);
        int height = Integer.getInteger("bench.height", 2000);
        if ("embeddings".equals(System.getProperty("bench.only"))) {
            List<byte[]> files = new ArrayList<>();
            for (int i = 0; i < Math.min(24, photos); i++) {
                files.add(TestImages.photo(width, height, i));
            }
            embeddings(files, embeddingMillis);
            System.exit(0);
        }

        var model = ClosedLoop.model(modelMillis);
        Map<String, String> env = TestApp.freshEnvironment(Db.POSTGRES);
        env.putAll(TestS3.environment());
        env.put("JOB_WORKERS", "2");
        env.put("CAPTION_GENERATOR", "openai");
        env.put("OPENAI_BASE_URL", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1");
        env.put("OPENAI_API_KEY", "bench");
        env.put("CAPTION_MODEL", "bench");
        TestApp app = TestApp.startWith(Db.POSTGRES, env);
        var db = app.settings.database();
        try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            System.out.printf(Locale.ROOT, "capacity benchmark: %d photos of %dx%d, %d small images, %d clients, %.0f s per rate, model latency %d ms%n",
                    photos, width, height, rows, CLIENTS, seconds, modelMillis);
            Map<String, long[]> empty = tableSizes(sql);
            Factories make = new Factories(app.api);

            // uploads with their three thumbnails, beside the engine making the same thumbnails with no HTTP or storage
            List<byte[]> files = new ArrayList<>();
            for (int i = 0; i < photos; i++) {
                files.add(TestImages.photo(width, height, i));
            }
            UUID photoSet = make.photoset();
            List<UUID> photoIds = java.util.Collections.synchronizedList(new ArrayList<>());
            String before = ClosedLoop.load();
            double uploads = parallel(2, photos, i -> photoIds.add(make.image(photoSet, "photo_" + i + ".jpg", files.get(i), List.of())));
            ImagingEngine engine = app.context.getBean(ImagingEngine.class);
            Path dir = Files.createTempDirectory("capacity-");
            for (int i = 0; i < photos; i++) {
                Files.write(dir.resolve(i + ".jpg"), files.get(i));
            }
            var imaging = app.settings.imaging();
            double bare = parallel(2, photos, i -> engine.thumbnails(dir.resolve(i + ".jpg"),
                    List.of(imaging.thumbnailLarge(), imaging.thumbnailMedium(), imaging.thumbnailSmall()), imaging.thumbnailQuality()));
            System.out.printf(Locale.ROOT, "uploads with thumbnails (2 clients): %.2f /s | engine alone, same files, 2 threads: %.2f /s | ratio %.2f | %s -> %s%n",
                    uploads, bare, uploads / bare, before, ClosedLoop.load());
            bucketBytes(env.get("S3_BUCKET"), photos);

            // rows as the API makes them: each small image with two tags, a caption and a crop
            UUID rowSet = make.photoset();
            List<UUID> rowIds = java.util.Collections.synchronizedList(new ArrayList<>());
            before = ClosedLoop.load();
            double small = parallel(CLIENTS, rows, i -> {
                UUID id = make.image(rowSet, "row_" + i + ".jpg", TestImages.jpeg(64 + i % 16, 48), List.of("tag-" + i % 50, "all"));
                app.api.post("/api/v2/images/" + id + "/caption", Map.of("caption", "a small test image number " + i + " with a caption of typical length"));
                app.api.post("/api/v2/images/" + id + "/crop", Map.of("x", 0, "y", 0, "width", 48, "height", 48));
                rowIds.add(id);
            });
            System.out.printf(Locale.ROOT, "small uploads + caption + crop (%d clients): %.1f images/s | %s%n", CLIENTS, small, before);
            perImage(empty, tableSizes(sql), photos + rows);

            Map<String, long[]> noSessions = tableSizes(sql);
            int signIns = 100;
            for (int i = 0; i < signIns; i++) {
                app.signInResponse("admin", TestApp.ADMIN_PASSWORD, TestApp.randomAddress());
            }
            Map<String, long[]> withSessions = tableSizes(sql);
            System.out.printf(Locale.ROOT, "sessions: %.0f bytes per session in PostgreSQL (table and indexes, %d sign-ins)%n",
                    (double) (withSessions.get("sessions")[0] - noSessions.get("sessions")[0]) / signIns, signIns);

            rates(app, rowIds, photoIds, seconds);
            redis(app, rowIds, photoSet);
            captions(app, make, files, modelMillis);
            embeddings(files, embeddingMillis);
        } finally {
            app.close();
            model.stop(0);
        }
        System.exit(0);
    }

    private static void rates(TestApp app, List<UUID> rowIds, List<UUID> photoIds, double seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String[] auth = app.api.defaultHeaders();
        String base = app.api.base();
        String before = ClosedLoop.load();
        double list = ClosedLoop.rate(CLIENTS, seconds, (c, n) -> get(http, base + "/api/v2/images?limit=100", auth));
        var db = app.settings.database();
        List<Connection> connections = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            connections.add(DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()));
        }
        double listSql = ClosedLoop.rate(CLIENTS, seconds, (c, n) -> {
            try (var ps = connections.get(c).prepareStatement(ListingBenchmark.PAGE_SQL); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
        });
        for (Connection c : connections) {
            c.close();
        }
        System.out.printf(Locale.ROOT, "list pages of 100 (%d clients): %.0f /s | bare SQL of the page, %d connections: %.0f /s | %s -> %s%n",
                CLIENTS, list, CLIENTS, listSql, before, ClosedLoop.load());

        before = ClosedLoop.load();
        double meta = ClosedLoop.rate(CLIENTS, seconds, (c, n) -> get(http,
                base + "/api/v2/images/" + rowIds.get((int) ((n * CLIENTS + c) % rowIds.size())) + "/metadata", auth));
        System.out.printf(Locale.ROOT, "image metadata, %d images in turn (%d clients): %.0f /s | %s -> %s%n",
                rowIds.size(), CLIENTS, meta, before, ClosedLoop.load());

        String thumb = base + "/api/v2/images/" + photoIds.get(0) + "/thumbnail/medium";
        byte[] bytes = get(http, thumb, auth);
        var reference = ClosedLoop.staticServer(bytes, "image/jpeg");
        String ref = "http://127.0.0.1:" + reference.getAddress().getPort() + "/medium.jpg";
        before = ClosedLoop.load();
        double thumbs = ClosedLoop.rate(CLIENTS, seconds, (c, n) -> get(http, thumb, auth));
        double refRate = ClosedLoop.rate(CLIENTS, seconds, (c, n) -> get(http, ref, auth));
        reference.stop(0);
        System.out.printf(Locale.ROOT, "cached medium thumbnail (%d bytes, %d clients): %.0f /s | same bytes from a bare JDK server, same client: %.0f /s | ratio %.2f | %s -> %s%n",
                bytes.length, CLIENTS, thumbs, refRate, thumbs / refRate, before, ClosedLoop.load());
    }

    private static byte[] get(HttpClient http, String url, String[] headers) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(url)).headers(headers).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + r.statusCode());
        }
        return r.body();
    }

    private static void redis(TestApp app, List<UUID> rowIds, UUID photoSet) {
        RedisClient client = RedisClient.create(app.settings.redisUrl());
        try (var connection = client.connect()) {
            var redis = connection.sync();
            long total = 0;
            int found = 0;
            for (UUID id : rowIds) {
                Long bytes = redis.memoryUsage("gallery:image:" + id);
                if (bytes != null) {
                    total += bytes;
                    found++;
                }
            }
            app.api.get("/api/v2/photosets/" + photoSet);
            Long set = redis.memoryUsage("gallery:photoset:" + photoSet);
            System.out.printf(Locale.ROOT, "redis: %.0f bytes per cached image (MEMORY USAGE over %d entries), %s bytes per cached photoset%n",
                    found == 0 ? 0.0 : (double) total / found, found, set);
        } finally {
            client.shutdown();
        }
    }

    private static void captions(TestApp app, Factories make, List<byte[]> files, long modelMillis) {
        int per = Math.max(1, Math.min(12, files.size() / 2));
        List<UUID> sets = List.of(make.photoset(), make.photoset());
        for (UUID set : sets) {
            for (int i = 0; i < per; i++) {
                byte[] copy = files.get(i).clone();
                copy[copy.length - 3] ^= (byte) (set.hashCode() | 1);   // a byte in the JPEG's last scan: a different file
                make.image(set, "caption_" + i + ".jpg", copy, List.of());
            }
        }
        String before = ClosedLoop.load();
        long start = System.nanoTime();
        List<UUID> jobs = new ArrayList<>();
        for (UUID set : sets) {
            jobs.add(app.api.post("/api/v2/captions/jobs", Map.of("photoset_id", set, "generator", "openai",
                    "prompt", "Describe.", "overwrite", true)).id());
        }
        for (UUID job : jobs) {
            var done = Waits.job(app.api, "/api/v2/jobs/" + job, java.time.Duration.ofMinutes(10), "succeeded", "failed");
            if (done.get("progress").get("done").asInt() != per) {
                throw new IllegalStateException("caption job did not caption every image: " + done);
            }
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        double perMinute = 2 * per / minutes;
        System.out.printf(Locale.ROOT, "caption jobs: 2 jobs x %d photos at %d ms model latency: %.1f captions/min (the latency alone allows %.1f) | %s -> %s%n",
                per, modelMillis, perMinute, 2 * 60_000.0 / modelMillis, before, ClosedLoop.load());
    }

    /**
     * An embeddings job over photo-sized images with a stand-in model of stated latency, on an instance of its own
     * (with embeddings on, every upload is embedded after it is stored, which would colour the upload figures above).
     */
    private static void embeddings(List<byte[]> files, long latencyMillis) throws Exception {
        var model = ClosedLoop.model(latencyMillis, latencyMillis);
        Map<String, String> env = TestApp.freshEnvironment(Db.POSTGRES);
        env.putAll(TestS3.environment());
        env.put("JOB_WORKERS", "2");
        env.put("EMBEDDINGS", "openai");
        env.put("EMBEDDING_BASE_URL", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1");
        env.put("EMBEDDING_MODEL", "bench");
        TestApp app = TestApp.startWith(Db.POSTGRES, env);
        try {
            Factories make = new Factories(app.api);
            UUID set = make.photoset();
            int n = Math.min(24, files.size());
            for (int i = 0; i < n; i++) {
                make.image(set, "embed_" + i + ".jpg", files.get(i), List.of());
            }
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (app.api.get("/api/v2/embeddings").json().get("embedded").asLong() < n && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String before = ClosedLoop.load();
            long start = System.nanoTime();
            UUID job = app.api.post("/api/v2/embeddings/jobs", Map.of("photoset_id", set, "force", true)).id();
            var done = Waits.job(app.api, "/api/v2/jobs/" + job, java.time.Duration.ofMinutes(10), "succeeded", "failed");
            if (done.get("progress").get("done").asInt() != n) {
                throw new IllegalStateException("embeddings job did not embed every image: " + done);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "embeddings job: %d photos of 6 MP at %d ms model latency, JOB_WORKERS=2: %.0f embeddings/min, "
                    + "%.0f ms per image per worker beside the model | %s -> %s%n", n, latencyMillis, n * 60 / seconds,
                    2 * seconds * 1000 / n - latencyMillis, before, ClosedLoop.load());
        } finally {
            app.close();
            model.stop(0);
        }
    }

    private static void bucketBytes(String bucket, int photos) {
        Map<String, long[]> areas = new TreeMap<>();
        try (var s3 = TestS3.client()) {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> {
                String[] parts = o.key().split("/");
                String area = parts.length > 2 ? parts[1] : parts[0];
                long[] sum = areas.computeIfAbsent(area, a -> new long[2]);
                sum[0] += o.size();
                sum[1]++;
            });
        }
        areas.forEach((area, sum) -> System.out.printf(Locale.ROOT, "bucket %-12s %d objects, %.0f bytes per photo%n", area, sum[1], (double) sum[0] / photos));
    }

    private static Map<String, long[]> tableSizes(Connection sql) throws Exception {
        Map<String, long[]> sizes = new TreeMap<>();
        try (var st = sql.createStatement(); var rs = st.executeQuery("select c.relname, pg_total_relation_size(c.oid), "
                + "pg_indexes_size(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = current_schema() and c.relkind = 'r'")) {
            while (rs.next()) {
                sizes.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return sizes;
    }

    private static void perImage(Map<String, long[]> before, Map<String, long[]> after, int images) {
        long total = 0;
        long indexes = 0;
        for (var e : after.entrySet()) {
            long[] was = before.getOrDefault(e.getKey(), new long[2]);
            long grew = e.getValue()[0] - was[0];
            if (grew > 0) {
                long idx = e.getValue()[1] - was[1];
                System.out.printf(Locale.ROOT, "postgres %-24s %7.0f bytes per image (indexes %5.0f)%n", e.getKey(), (double) grew / images, (double) idx / images);
                total += grew;
                indexes += idx;
            }
        }
        System.out.printf(Locale.ROOT, "postgres total %.0f bytes per image, of which indexes %.0f (%d images)%n", (double) total / images, (double) indexes / images, images);
    }

    interface Step {
        void run(int i) throws Exception;
    }

    /** Runs {@code count} steps on {@code threads} threads; returns steps per second. */
    private static double parallel(int threads, int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                step.run(n);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
