package org.gallery.imaging;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Output sizes: fit inside a square box, keep the aspect ratio, never enlarge, never reach zero. */
final class Fit {

    private Fit() {
    }

    /** {width, height} of a {@code width x height} image whose long edge is at most {@code longEdge}. */
    static int[] within(int width, int height, int longEdge) {
        int longest = Math.max(width, height);
        if (longEdge <= 0 || longest <= longEdge) {
            return new int[] {width, height};
        }
        double scale = (double) longEdge / longest;
        // The long side is set exactly, so rounding can never push it past the box.
        int w = width >= height ? longEdge : (int) Math.max(1, Math.round(width * scale));
        int h = height > width ? longEdge : (int) Math.max(1, Math.round(height * scale));
        return new int[] {w, h};
    }

    /** The distinct requested edges, largest first: each smaller size is derived from the one before. */
    static List<Integer> largestFirst(List<Integer> longEdges) {
        if (longEdges == null || longEdges.isEmpty()) {
            throw new IllegalArgumentException("At least one thumbnail size is needed");
        }
        for (int edge : longEdges) {
            if (edge <= 0) {
                throw new IllegalArgumentException("A thumbnail size must be positive, got " + edge);
            }
        }
        return longEdges.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    }

    static int requireQuality(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be between 1 and 100, got " + quality);
        }
        return quality;
    }

    /** The results keyed in the order the caller asked for them. */
    static Map<Integer, byte[]> inRequestedOrder(List<Integer> requested, Map<Integer, byte[]> made) {
        Map<Integer, byte[]> ordered = new LinkedHashMap<>();
        for (int edge : requested) {
            ordered.put(edge, made.get(edge));
        }
        return ordered;
    }
}
