package org.gallery.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.gallery.config.DatabaseUrl;
import org.gallery.db.SchemaMigrations;
import org.gallery.shared.Ids;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;
import org.gallery.web.Cursor;

/**
 * Listing at scale, run on demand (bench/listing.sh), not by the test suite: seeds N images (default 1,000,000)
 * in 1,000 photosets with bulk inserts, then times {@code GET /api/v2/images?limit=100} for page 1, a page near
 * the end reached by cursor and a tag-filtered page, each beside the bare SQL query timed in the same run.
 */
public final class ListingBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 200);
    /** Enough calls for the JIT to compile the request path; a handful leaves it interpreted and slow. */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 500);

    public static void main(String[] args) throws Exception {
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        List<Db> dbs = args.length > 0 && !args[0].equals("all") ? List.of(Db.valueOf(args[0].toUpperCase(Locale.ROOT)))
                : List.of(Db.POSTGRES, Db.SQLITE);
        for (Db db : dbs) {
            run(db, count);
        }
        System.exit(0);
    }

    private static void run(Db db, int count) throws Exception {
        Map<String, String> env = TestApp.freshEnvironment(db);
        env.remove("REDIS_URL");
        var settings = org.gallery.config.SettingsLoader.load(env, java.nio.file.Path.of("target"));
        DatabaseUrl url = settings.database();
        new SchemaMigrations(url).upgrade(null);
        long seedStart = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
            Seeder.seed(c, db, count);
        }
        System.out.printf(Locale.ROOT, "%n== %s: seeded %,d images in %.1f s%n", db, count, (System.nanoTime() - seedStart) / 1e9);

        env.put("DATABASE_URL", db == Db.SQLITE ? "jdbc:" + url.jdbcUrl().substring(5) : env.get("DATABASE_URL"));
        TestApp app = TestApp.startWith(db, env);
        credentials = app.api.defaultHeaders();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
            HttpClient http = HttpClient.newHttpClient();
            String base = app.api.base() + "/api/v2/images?limit=100";
            Object[] deep = rowAt(c, db, count - 150);
            String deepCursor = new Cursor("created:desc", List.of(deep[0].toString(), deep[1].toString())).encode();

            report("page 1", time(() -> get(http, base)), time(() -> sql(c, db, PAGE_SQL, null)));
            report("deep page (row " + (count - 150) + ")", time(() -> get(http, base + "&cursor=" + deepCursor)),
                    time(() -> sql(c, db, DEEP_SQL, deep)));
            report("tag-filtered page", time(() -> get(http, base + "&tags=bench-red")),
                    time(() -> sql(c, db, TAG_SQL, null)));
        } finally {
            app.close();
        }
    }

    static final String COLUMNS = "id, photoset_id, file_name, original_filename, rel_path, format, mime_type, bytes, "
            + "sha256, width, height, orientation, taken_at, sort_taken, camera, created_at, updated_at";
    static final String PAGE_SQL = "select " + COLUMNS + " from images order by created_at desc, id desc limit 101";
    static final String DEEP_SQL = "select " + COLUMNS + " from images where (created_at, id) < (?, ?) "
            + "order by created_at desc, id desc limit 101";
    static final String TAG_SQL = "select " + COLUMNS + " from images where exists (select 1 from image_tags it "
            + "join tags t on t.id = it.tag_id where it.image_id = images.id and t.name_key = 'bench-red') "
            + "order by created_at desc, id desc limit 101";

    private static Object[] rowAt(Connection c, Db db, int offset) throws Exception {
        try (var st = c.createStatement();
                var rs = st.executeQuery("select created_at, id from images order by created_at desc, id desc limit 1 offset " + offset)) {
            rs.next();
            return new Object[] {rs.getLong(1), rs.getString(2)};
        }
    }

    private static void sql(Connection c, Db db, String sql, Object[] after) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (after != null) {
                ps.setLong(1, (Long) after[0]);
                if (db == Db.POSTGRES) {
                    ps.setObject(2, UUID.fromString((String) after[1]));
                } else {
                    ps.setString(2, (String) after[1]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    for (int i = 1; i <= 17; i++) {
                        rs.getObject(i);
                    }
                    n++;
                }
                if (n != 101) {
                    throw new IllegalStateException("bare query returned " + n + " rows");
                }
            }
        }
    }

    /** Time the server reports spending (X-Process-Time) on each of the last timed calls, in ms. */
    private static final List<Double> SERVER_MS = new java.util.ArrayList<>();

    /** The credentials of the benchmark's app: the token is checked on every call, as a client's would be. */
    private static String[] credentials = new String[0];

    private static void get(HttpClient http, String url) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(url)).headers(credentials).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("next_cursor")) {
            throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        }
        r.headers().firstValue("X-Process-Time").ifPresent(s -> SERVER_MS.add(Double.parseDouble(s) * 1000));
    }

    interface Call {
        void run() throws Exception;
    }

    /** Median and 95th percentile in milliseconds after a warm-up. */
    private static double[] time(Call call) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            call.run();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[RUNS / 2], ms[(int) (RUNS * 0.95)]};
    }

    private static void report(String what, double[] api, double[] bare) {
        double[] server = SERVER_MS.stream().skip(Math.max(0, SERVER_MS.size() - RUNS)).mapToDouble(Double::doubleValue)
                .sorted().toArray();
        SERVER_MS.clear();
        if (server.length > 0) {
            System.out.printf(Locale.ROOT, "%-28s in the server (X-Process-Time) median %.2f ms%n", "", server[server.length / 2]);
        }
        System.out.printf(Locale.ROOT, "%-28s API median %7.2f ms (p95 %7.2f) | bare SQL median %7.2f ms (p95 %7.2f) | API/SQL %.2fx%n",
                what, api[0], api[1], bare[0], bare[1], api[0] / bare[0]);
    }

    /** Bulk insert through JDBC batches in large transactions. */
    static final class Seeder {
        static void seed(Connection c, Db db, int count) throws Exception {
            c.setAutoCommit(false);
            boolean pg = db == Db.POSTGRES;
            long t0 = 1_600_000_000_000L;
            int sets = 1000;
            List<UUID> setIds = new ArrayList<>();
            try (var ps = c.prepareStatement("insert into photosets (id, name, name_key, folder, image_count, created_at, updated_at) values (?,?,?,?,?,?,?)")) {
                for (int s = 0; s < sets; s++) {
                    UUID id = Ids.next();
                    setIds.add(id);
                    bindId(ps, 1, id, pg);
                    ps.setString(2, "Set " + s);
                    ps.setString(3, "set " + s);
                    ps.setString(4, "Set " + s);
                    ps.setInt(5, count / sets);
                    ps.setLong(6, t0);
                    ps.setLong(7, t0);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            UUID tagId = Ids.next();
            try (var ps = c.prepareStatement("insert into tags (id, name, name_key, created_at) values (?,?,?,?)")) {
                bindId(ps, 1, tagId, pg);
                ps.setString(2, "bench-red");
                ps.setString(3, "bench-red");
                ps.setLong(4, t0);
                ps.executeUpdate();
            }
            String insert = "insert into images (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
            try (var ps = c.prepareStatement(insert);
                    var tag = c.prepareStatement("insert into image_tags (image_id, tag_id) values (?,?)")) {
                for (int i = 0; i < count; i++) {
                    UUID id = Ids.next();
                    UUID set = setIds.get(i % sets);
                    String name = String.format("IMG_%07d.jpg", i);
                    bindId(ps, 1, id, pg);
                    bindId(ps, 2, set, pg);
                    ps.setString(3, name);
                    ps.setString(4, name);
                    ps.setString(5, "Set " + (i % sets) + "/" + name);
                    ps.setString(6, "jpeg");
                    ps.setString(7, "image/jpeg");
                    ps.setLong(8, 2_000_000 + i);
                    ps.setString(9, String.format("%064x", i));
                    ps.setInt(10, 4000);
                    ps.setInt(11, 3000);
                    ps.setInt(12, 1);
                    ps.setLong(13, t0 + i * 1000L);
                    ps.setLong(14, t0 + i * 1000L);
                    ps.setString(15, "Bench Camera");
                    ps.setLong(16, t0 + i * 1000L);
                    ps.setLong(17, t0 + i * 1000L);
                    ps.addBatch();
                    if (i % 10 == 0) {
                        bindId(tag, 1, id, pg);
                        bindId(tag, 2, tagId, pg);
                        tag.addBatch();
                    }
                    if (i % 10_000 == 9_999) {
                        ps.executeBatch();
                        tag.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                tag.executeBatch();
                c.commit();
            }
            try (var st = c.createStatement()) {
                st.execute(pg ? "analyze" : "analyze");
            }
            c.commit();
            c.setAutoCommit(true);
        }

        private static void bindId(PreparedStatement ps, int i, UUID id, boolean pg) throws Exception {
            if (pg) {
                ps.setObject(i, id);
            } else {
                ps.setString(i, id.toString());
            }
        }
    }

    private ListingBenchmark() {
    }
}
