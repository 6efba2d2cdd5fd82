package org.gallery.search.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.lucene.util.VectorUtil;
import org.gallery.search.embedding.Vectors;
import org.gallery.search.vector.LuceneVectorIndex;
import org.gallery.search.vector.PgVectorIndex;
import org.gallery.search.vector.VectorIndex;
import org.gallery.search.vector.VectorSource;
import org.gallery.testing.PgVectorDatabase;
import org.gallery.testing.TestServices;

/**
 * Vector search benchmark (on demand, bench/vectors.sh): builds the index of N unit vectors in each vector store
 * asked for (Lucene on disk, pgvector in the test PostgreSQL server) through the same sync path the service uses,
 * then times top-10 searches and measures recall@10 against an exact scan of the same vectors, computed in the same
 * run.
 *
 * <p>The vectors are synthetic, as no real embeddings of a million photos are at hand: a mixture of Gaussian
 * clusters (embeddings of photos group by subject) with as much spread inside a cluster as between clusters;
 * queries are new draws from the same mixture. Arguments: count, dimension, queries, candidate lists to try (Lucene's
 * candidates, pgvector's hnsw.ef_search), stores ({@code lucene,pgvector}).
 */
public final class VectorBenchmark {

    static final String MODEL = "bench:synthetic";

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int[] candidateLists = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {100, 200};
        // -Dbench.lucene.dir: a Lucene index this benchmark built before, kept to measure other candidate lists
        // without building it again (the vectors are the same for the same count, dimension and seed)
        String kept = System.getProperty("bench.lucene.dir");
        Path dir = kept != null ? Path.of(kept) : Files.createTempDirectory(Path.of("target"), "vector-bench");
        float[][] data = mixture(count, dim, 42);
        UUID[] ids = new UUID[count];
        for (int i = 0; i < count; i++) {
            ids[i] = new UUID(0, i);
        }
        float[][] qs = Arrays.copyOf(mixture(queries, dim, 4242), queries);
        System.out.printf(Locale.ROOT, "%d vectors of %d dimensions (%.0f MB), %d queries, %d cores%n", count, dim,
                count * (double) dim * 4 / 1e6, queries, Runtime.getRuntime().availableProcessors());

        // exact scan: the reference, timed on one thread with Lucene's SIMD dot product
        List<Set<UUID>> truth = new ArrayList<>();
        long[] exactNanos = new long[queries];
        for (int q = 0; q < queries; q++) {
            long t = System.nanoTime();
            truth.add(exactTop(data, ids, qs[q], 10));
            exactNanos[q] = System.nanoTime() - t;
        }
        System.out.printf(Locale.ROOT, "exact scan: p50 %.1f ms, p99 %.1f ms%s%n", pct(exactNanos, 50), pct(exactNanos, 99),
                load());

        VectorSource source = new VectorSource() {
            @Override
            public State state(String model) {
                return new State(count, 1);
            }

            /** Every vector counts as made at time 0: a reopened index has nothing to catch up. */
            @Override
            public void forEach(String model, long madeAtFrom, BiConsumer<UUID, float[]> action) {
                for (int i = 0; i < count && madeAtFrom == 0; i++) {
                    action.accept(ids[i], data[i]);
                }
            }
        };
        List<String> stores = List.of(args.length > 4 ? args[4].split(",") : new String[] {"lucene"});
        if (stores.contains("lucene")) {
            long t0 = System.nanoTime();
            try (var index = new LuceneVectorIndex(dir)) {
                index.sync(MODEL, source);
            }
            System.out.printf(Locale.ROOT, "lucene build (rebuild path, HNSW M=16 beam=100%s): %.0f s, %.0f MB on disk%s%n",
                    kept != null ? "; kept from an earlier run" : "",
                    (System.nanoTime() - t0) / 1e9, size(dir) / 1e6, load());
            for (int candidates : candidateLists) {
                try (var index = new LuceneVectorIndex(dir, candidates)) {
                    index.sync(MODEL, source);
                    measure("lucene top-10, " + candidates + " candidates", index, qs, truth);
                }
            }
        }
        if (stores.contains("pgvector")) {
            var database = PgVectorDatabase.create();
            try (database) {
                // as an administrator would set up a server for this many vectors: the graph is built in memory
                String memory = System.getProperty("bench.maintenance_work_mem", "4GB");
                database.db().execute("ALTER DATABASE " + database.url().substring(database.url().lastIndexOf('/') + 1)
                        + " SET maintenance_work_mem = '" + memory + "'");
                database.pool().getHikariPoolMXBean().softEvictConnections();
                System.out.println("pgvector: maintenance_work_mem " + memory + " for the index build");
                long t0 = System.nanoTime();
                new PgVectorIndex(database.db(), database.tx()).sync(MODEL, source);
                long bytes = database.db().fetchOne("SELECT pg_total_relation_size('vector_items')").get(0, Long.class);
                System.out.printf(Locale.ROOT, "pgvector build (sync path: rows, then HNSW M=16 ef_construction=64):"
                        + " %.0f s, %.0f MB in the database%s%n", (System.nanoTime() - t0) / 1e9, bytes / 1e6, load());
                for (int ef : candidateLists) {
                    var index = new PgVectorIndex(database.db(), database.tx(), ef);
                    measure("pgvector top-10, ef_search " + ef, index, qs, truth);
                }
            } finally {
                TestServices.dropPostgresDatabase(database.url());
            }
        }
    }

    /** Warms up, then times three rounds of the queries; recall@10 of the first round against the exact scan. */
    static void measure(String label, VectorIndex index, float[][] qs, List<Set<UUID>> truth) {
        int queries = qs.length;
        for (int w = 0; w < Math.min(queries, 100); w++) {
            index.search(MODEL, qs[w], 10, null);
        }
        long[] nanos = new long[queries * 3];
        double found = 0;
        for (int round = 0; round < 3; round++) {
            for (int q = 0; q < queries; q++) {
                long t = System.nanoTime();
                List<VectorIndex.Hit> hits = index.search(MODEL, qs[q], 10, null);
                nanos[round * queries + q] = System.nanoTime() - t;
                if (round == 0) {
                    Set<UUID> want = truth.get(q);
                    found += hits.stream().filter(h -> want.contains(h.imageId())).count();
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: p50 %.2f ms, p99 %.2f ms, recall@10 %.3f%s%n", label, pct(nanos, 50),
                pct(nanos, 99), found / (queries * 10.0), load());
    }

    static float[][] mixture(int count, int dim, long seed) {
        Random centres = new Random(7);
        int clusters = 2000;
        float[][] centre = new float[clusters][dim];
        for (float[] c : centre) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) centres.nextGaussian();
            }
        }
        Random random = new Random(seed);
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] c = centre[random.nextInt(clusters)];
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = c[d] + (float) random.nextGaussian();
            }
            out[i] = Vectors.normalize(v);
        }
        return out;
    }

    static Set<UUID> exactTop(float[][] data, UUID[] ids, float[] query, int k) {
        int[] best = new int[k];
        float[] scores = new float[k];
        Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < data.length; i++) {
            float s = VectorUtil.dotProduct(data[i], query);
            if (s > scores[k - 1]) {
                int j = k - 1;
                while (j > 0 && scores[j - 1] < s) {
                    scores[j] = scores[j - 1];
                    best[j] = best[j - 1];
                    j--;
                }
                scores[j] = s;
                best[j] = i;
            }
        }
        Set<UUID> out = new HashSet<>();
        for (int i : best) {
            out.add(ids[i]);
        }
        return out;
    }

    /** The machine's load beside each figure: on a busy machine the times are loose, recall is not. */
    static String load() {
        try {
            return " (load " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + ")";
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static long size(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
