package org.gallery.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Groups 64-bit hashes that lie within {@code maxDistance} bits of each other (single linkage: a chain of close
 * pairs is one group) without comparing every pair, by multi-index hashing: every hash is cut into {@code m}
 * substrings, and two hashes at most {@code r} bits apart differ in at most {@code r / m} bits on at least one of
 * them (pigeonhole). So each hash is compared only with those whose substring, in one of {@code m} tables, lies that
 * close to its own: a few hundred table probes and a few thousand comparisons per hash instead of a million.
 */
public final class HammingGroups {

    /** Tables are arrays indexed by substring value: 2^22 entries at most. */
    private static final int MAX_SUBSTRING_BITS = 22;

    private HammingGroups() {
    }

    /** Groups of two or more indexes into {@code hashes}, each group in index order, the groups by first index. */
    public static List<int[]> groups(long[] hashes, int maxDistance) {
        int n = hashes.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        forEachPair(hashes, maxDistance, (a, b) -> union(parent, a, b));
        Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> members : byRoot.values()) {
            if (members.size() > 1) {
                out.add(members.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return out;
    }

    public interface PairSink {
        void pair(int a, int b);
    }

    /** Calls {@code sink} once for every pair {@code a < b} at most {@code maxDistance} bits apart. */
    public static void forEachPair(long[] hashes, int maxDistance, PairSink sink) {
        if (maxDistance < 0 || maxDistance > 32) {
            throw new IllegalArgumentException("maxDistance must be between 0 and 32");
        }
        int n = hashes.length;
        if (n < 2) {
            return;
        }
        Plan plan = Plan.choose(n, maxDistance);
        Table[] tables = new Table[plan.m];
        for (int k = 0; k < plan.m; k++) {
            tables[k] = new Table(hashes, 64 * k / plan.m, 64 * (k + 1) / plan.m - 64 * k / plan.m);
        }
        // the work splits over the cores by query hash; pairs are collected per slice, joined in order
        int slices = Math.max(1, Math.min(64, n / 4096));
        int[][] found = IntStream.range(0, slices).parallel().mapToObj(s -> {
            IntList pairs = new IntList();
            for (int i = (int) ((long) n * s / slices); i < (int) ((long) n * (s + 1) / slices); i++) {
                collect(hashes, tables, plan, i, maxDistance, pairs);
            }
            return pairs.toArray();
        }).toArray(int[][]::new);
        for (int[] pairs : found) {
            for (int p = 0; p < pairs.length; p += 2) {
                sink.pair(pairs[p], pairs[p + 1]);
            }
        }
    }

    private static void collect(long[] hashes, Table[] tables, Plan plan, int i, int maxDistance, IntList pairs) {
        long h = hashes[i];
        for (int k = 0; k < tables.length; k++) {
            Table t = tables[k];
            int key = t.key(h);
            for (int flip : plan.flips(t.bits)) {
                int bucket = key ^ flip;
                for (int j = t.offsets[bucket]; j < t.offsets[bucket + 1]; j++) {
                    int other = t.ids[j];
                    if (other <= i || Long.bitCount(h ^ t.sorted[j]) > maxDistance) {
                        continue;
                    }
                    // a pair close on several substrings is reported by the first table that finds it only
                    if (foundEarlier(tables, k, h, t.sorted[j], plan.radius)) {
                        continue;
                    }
                    pairs.add(i, other);
                }
            }
        }
    }

    private static boolean foundEarlier(Table[] tables, int k, long a, long b, int radius) {
        for (int e = 0; e < k; e++) {
            if (Integer.bitCount(tables[e].key(a) ^ tables[e].key(b)) <= radius) {
                return true;
            }
        }
        return false;
    }

    /** How many substrings, and how far each is searched: the cheapest by an estimate of probes plus comparisons. */
    private record Plan(int m, int radius, Map<Integer, int[]> flipsByBits) {

        static Plan choose(int n, int maxDistance) {
            int best = -1;
            double bestCost = Double.MAX_VALUE;
            for (int m = 3; m <= 16; m++) {
                int bits = (64 + m - 1) / m;
                if (bits > MAX_SUBSTRING_BITS) {
                    continue;
                }
                long probes = within(bits, maxDistance / m);
                double cost = m * (probes + (double) n * probes / (1L << bits));
                if (cost < bestCost) {
                    bestCost = cost;
                    best = m;
                }
            }
            int radius = maxDistance / best;
            Map<Integer, int[]> flips = new java.util.HashMap<>();
            for (int k = 0; k < best; k++) {
                int bits = 64 * (k + 1) / best - 64 * k / best;
                flips.computeIfAbsent(bits, b -> masksWithin(b, radius));
            }
            return new Plan(best, radius, flips);
        }

        int[] flips(int bits) {
            return flipsByBits.get(bits);
        }

        /** How many {@code bits}-bit values lie within {@code r} bits of one value. */
        private static long within(int bits, int r) {
            long total = 0;
            long choose = 1;
            for (int d = 0; d <= Math.min(r, bits); d++) {
                total += choose;
                choose = choose * (bits - d) / (d + 1);
            }
            return total;
        }

        private static int[] masksWithin(int bits, int r) {
            IntList out = new IntList();
            for (int v = 0; v < (1 << bits); v++) {
                if (Integer.bitCount(v) <= r) {
                    out.add(v);
                }
            }
            return out.toArray();
        }
    }

    /** One substring's table: ids in order of their substring value, with the hashes alongside for locality. */
    private static final class Table {
        final int shift;
        final int bits;
        final long mask;
        final int[] offsets;
        final int[] ids;
        final long[] sorted;

        Table(long[] hashes, int shift, int bits) {
            this.shift = shift;
            this.bits = bits;
            this.mask = (1L << bits) - 1;
            int n = hashes.length;
            offsets = new int[(1 << bits) + 1];
            for (long h : hashes) {
                offsets[key(h) + 1]++;
            }
            for (int b = 0; b < (1 << bits); b++) {
                offsets[b + 1] += offsets[b];
            }
            int[] next = Arrays.copyOf(offsets, offsets.length - 1);
            ids = new int[n];
            sorted = new long[n];
            for (int i = 0; i < n; i++) {
                int at = next[key(hashes[i])]++;
                ids[at] = i;
                sorted[at] = hashes[i];
            }
        }

        int key(long h) {
            return (int) ((h >>> shift) & mask);
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** A growable int array: pairs of a million hashes would be too many boxed Integers. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void add(int a, int b) {
            add(a);
            add(b);
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
