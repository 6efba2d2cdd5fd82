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
 * them (pigeonhole). In each of {@code m} tables the hashes are ordered by that substring, and only the buckets whose
 * substrings lie that close are compared with each other: for a million hashes and r = 12, about 4 % of the pairs.
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
        for (int k = 0; k < plan.m; k++) {
            int table = k;
            int buckets = 1 << tables[k].bits;
            int slices = Math.min(256, buckets);
            // bucket against bucket, over both cores: each comparison runs along two contiguous arrays
            int[][] found = IntStream.range(0, slices).parallel().mapToObj(s -> {
                IntList pairs = new IntList();
                for (int b = (int) ((long) buckets * s / slices); b < (int) ((long) buckets * (s + 1) / slices); b++) {
                    join(tables, table, b, plan, maxDistance, pairs);
                }
                return pairs.toArray();
            }).toArray(int[][]::new);
            for (int[] pairs : found) {
                for (int p = 0; p < pairs.length; p += 2) {
                    sink.pair(pairs[p], pairs[p + 1]);
                }
            }
        }
    }

    /** The close pairs between bucket {@code b} and every bucket at or above it within the plan's radius. */
    private static void join(Table[] tables, int k, int b, Plan plan, int maxDistance, IntList pairs) {
        Table t = tables[k];
        int from = t.offsets[b];
        int to = t.offsets[b + 1];
        if (from == to) {
            return;
        }
        for (int flip : plan.flips(t.bits)) {
            int other = b ^ flip;
            if (other < b) {
                continue;
            }
            int otherTo = t.offsets[other + 1];
            for (int x = from; x < to; x++) {
                long hx = t.sorted[x];
                for (int y = other == b ? x + 1 : t.offsets[other]; y < otherTo; y++) {
                    long hy = t.sorted[y];
                    // a pair close on several substrings is reported by the first table that finds it only
                    if (Long.bitCount(hx ^ hy) <= maxDistance && !foundEarlier(tables, k, hx, hy, plan.radius)) {
                        pairs.add(Math.min(t.ids[x], t.ids[y]), Math.max(t.ids[x], t.ids[y]));
                    }
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

    /**
     * How many substrings, and how far each is searched: the cheapest by an estimate of bucket pairs visited (a
     * random access each) plus hashes compared. Fewer, longer substrings filter better but need more buckets
     * visited per bucket as the radius within them grows.
     */
    private record Plan(int m, int radius, Map<Integer, int[]> flipsByBits) {

        static Plan choose(int n, int maxDistance) {
            int best = -1;
            double bestCost = Double.MAX_VALUE;
            for (int m = 3; m <= 16; m++) {
                int bits = (64 + m - 1) / m;
                if (bits > MAX_SUBSTRING_BITS) {
                    continue;
                }
                long near = within(bits, maxDistance / m);
                double visits = (double) (1L << bits) * near / 2;
                double comparisons = (double) n * n / 2 * near / (1L << bits);
                double cost = m * (4 * visits + comparisons);
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
