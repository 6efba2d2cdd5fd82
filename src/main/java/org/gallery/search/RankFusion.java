package org.gallery.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): each list gives an item 1 / (K + rank); the sums
 * order the merged list. Ranks, not scores, are added, so a bm25 score and a cosine need no common scale.
 */
final class RankFusion {

    /** The constant of the original paper: it damps the weight of the very first ranks. */
    static final int K = 60;

    record Ranked(UUID imageId, double score) {
    }

    private RankFusion() {
    }

    @SafeVarargs
    static List<Ranked> fuse(List<UUID>... lists) {
        Map<UUID, Double> scores = new LinkedHashMap<>();
        for (List<UUID> list : lists) {
            for (int rank = 0; rank < list.size(); rank++) {
                scores.merge(list.get(rank), 1.0 / (K + rank + 1), Double::sum);
            }
        }
        List<Ranked> fused = new ArrayList<>();
        scores.forEach((id, score) -> fused.add(new Ranked(id, score)));
        // ties keep the order of first appearance: the text list's order, then the vector list's
        fused.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return fused;
    }
}
