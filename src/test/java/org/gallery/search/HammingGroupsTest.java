package org.gallery.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HammingGroupsTest {

    /** Every close pair that comparing all pairs finds, and no other, whatever the limit. */
    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {0, 1, 3, 6, 10, 14, 20})
    void findsExactlyThePairsEveryPairComparisonFinds(int limit) {
        Random random = new Random(limit);
        long[] hashes = new long[3000];
        for (int i = 0; i < hashes.length; i++) {
            // a third are near copies of an earlier hash: clusters, chains and exact repeats
            hashes[i] = i > 0 && random.nextInt(3) == 0 ? flip(hashes[random.nextInt(i)], random.nextInt(limit + 3), random)
                    : random.nextLong();
        }
        Set<List<Integer>> expected = new HashSet<>();
        for (int a = 0; a < hashes.length; a++) {
            for (int b = a + 1; b < hashes.length; b++) {
                if (Long.bitCount(hashes[a] ^ hashes[b]) <= limit) {
                    expected.add(List.of(a, b));
                }
            }
        }
        List<List<Integer>> found = new ArrayList<>();
        HammingGroups.forEachPair(hashes, limit, (a, b) -> found.add(List.of(a, b)));

        assertThat(found).doesNotHaveDuplicates();
        assertThat(new HashSet<>(found)).isEqualTo(expected);
        assertThat(expected).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void groupsJoinChainsAndLeaveLoneHashesOut() {
        long a = 0b1111L;
        long[] hashes = {a, a ^ 0b1_0000L, a ^ 0b11_0000L, ~a, 0x5555_5555_5555_5555L, ~a ^ 1};
        List<int[]> groups = HammingGroups.groups(hashes, 1);
        assertThat(groups).containsExactly(new int[] {0, 1, 2}, new int[] {3, 5});
    }

    private static long flip(long hash, int bits, Random random) {
        long out = hash;
        for (int i = 0; i < bits; i++) {
            out ^= 1L << random.nextInt(64);
        }
        return out;
    }
}
