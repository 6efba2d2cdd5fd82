package org.gallery.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.gallery.image.Image;
import org.gallery.image.ImageService;
import org.gallery.search.vector.VectorIndex;
import org.gallery.web.ApiException;
import org.gallery.web.Cursor;
import org.gallery.web.Page;
import org.springframework.stereotype.Service;

/**
 * {@code GET /api/v2/search} and the searches by image: ranked text search, vector search over image embeddings
 * ({@code semantic}), and both merged by reciprocal rank fusion ({@code hybrid}, the default once images have
 * embeddings). Results are image objects with a score, paged by a cursor that belongs to one search.
 */
@Service
public class SearchService {

    /** Words beyond these are ignored: each one is another condition every match must meet. */
    static final int MAX_WORDS = 32;
    /** How deep each list goes before a hybrid merge, at least: ranks below it add little to a fused score. */
    static final int HYBRID_DEPTH = 100;

    public record Query(String q, String mode, UUID photosetId, List<String> tags, Boolean hasCaption, Integer limit,
            String cursor) {
    }

    private final TextSearch text;
    private final VectorSearch vectors;
    private final ImageEmbeddings embeddings;
    private final SearchFilters filters;
    private final ImageService images;

    SearchService(TextSearch text, VectorSearch vectors, ImageEmbeddings embeddings, SearchFilters filters,
            ImageService images) {
        this.text = text;
        this.vectors = vectors;
        this.embeddings = embeddings;
        this.filters = filters;
        this.images = images;
    }

    public Page<SearchResult> search(Query query) {
        String mode = query.mode() != null ? query.mode() : embeddings.hasVectors() ? "hybrid" : "text";
        if (!List.of("text", "semantic", "hybrid").contains(mode)) {
            throw ApiException.invalidField("mode", "must be text, semantic or hybrid (the last two need EMBEDDINGS)");
        }
        if (query.q() == null || query.q().isBlank()) {
            throw ApiException.invalidField("q", "is required: the words to search for");
        }
        List<String> words = words(query.q());
        if (words.isEmpty() && mode.equals("text")) {
            throw ApiException.invalidField("q", "has no letters or digits to search for");
        }
        int limit = Page.checkLimit(query.limit());
        var filter = filters.of(query.photosetId(), query.tags(), query.hasCaption());
        // a cursor belongs to one search: the same words, mode and filters
        String sort = "search:" + Integer.toHexString(Objects.hash(mode.equals("text") ? words : query.q().strip(),
                mode, filter));
        int offset = query.cursor() == null ? 0 : offset(Cursor.decode(query.cursor(), sort, 1).values().getFirst());
        List<RankFusion.Ranked> hits = switch (mode) {
            case "text" -> text.search(words, filters.condition(filter), offset, limit + 1).stream()
                    .map(h -> new RankFusion.Ranked(h.imageId(), h.score())).toList();
            case "semantic" -> page(ranked(vectors.byText("mode=semantic", query.q(), filter, offset + limit + 1)),
                    offset, limit);
            default -> {
                int depth = Math.max(HYBRID_DEPTH, offset + limit + 1);
                var byVector = vectors.byText("mode=hybrid", query.q(), filter, depth);
                List<UUID> byText = words.isEmpty() ? List.of()
                        : text.search(words, filters.condition(filter), 0, depth).stream().map(TextSearch.Hit::imageId)
                                .toList();
                yield page(RankFusion.fuse(byText, byVector.stream().map(VectorIndex.Hit::imageId).toList()), offset,
                        limit);
            }
        };
        return results(hits, sort, offset, limit, !mode.equals("text"));
    }

    /** Images most like an uploaded one (a JPEG rendering of it), by their embeddings. */
    Page<SearchResult> byImage(byte[] jpeg, UUID photosetId, List<String> tags, Boolean hasCaption, Integer limitParam,
            String cursor) {
        int limit = Page.checkLimit(limitParam);
        var filter = filters.of(photosetId, tags, hasCaption);
        // the same picture and filters give the same neighbours, so a cursor fits the hash of both
        String sort = "search-image:" + Integer.toHexString(Objects.hash(java.util.Arrays.hashCode(jpeg), filter));
        int offset = cursor == null ? 0 : offset(Cursor.decode(cursor, sort, 1).values().getFirst());
        var hits = vectors.byImage("Search by image", jpeg, filter, offset + limit + 1);
        return results(page(ranked(hits), offset, limit), sort, offset, limit, true);
    }

    /** Images whose embeddings are nearest to a stored image's. */
    Page<SimilarImage> similar(UUID imageId, UUID photosetId, Integer limitParam) {
        int limit = Page.checkLimit(limitParam);
        images.get(imageId);
        var hits = vectors.byImageId(imageId, filters.of(photosetId, null, null), limit);
        List<SimilarImage> items = new ArrayList<>();
        for (var h : hits) {
            image(h.imageId()).ifPresent(i -> items.add(new SimilarImage(i, null, (double) h.score())));
        }
        return new Page<>(items, null);
    }

    private Page<SearchResult> results(List<RankFusion.Ranked> hits, String sort, int offset, int limit,
            boolean capped) {
        List<SearchResult> items = new ArrayList<>();
        for (var h : hits.subList(0, Math.min(limit, hits.size()))) {
            image(h.imageId()).ifPresent(i -> items.add(new SearchResult(i, h.score())));
        }
        boolean more = hits.size() > limit && !(capped && offset + limit >= VectorSearch.MAX_RESULTS);
        String next = more ? new Cursor(sort, List.of(String.valueOf(offset + limit))).encode() : null;
        return new Page<>(items, next);
    }

    /** The image, unless it was deleted since the index was read. */
    private java.util.Optional<Image> image(UUID id) {
        try {
            return java.util.Optional.of(images.get(id));
        } catch (ApiException e) {
            return java.util.Optional.empty();
        }
    }

    private static List<RankFusion.Ranked> ranked(List<VectorIndex.Hit> hits) {
        return hits.stream().map(h -> new RankFusion.Ranked(h.imageId(), h.score())).toList();
    }

    /** From {@code offset}, one more than a page: the extra one says whether another page follows. */
    private static <T> List<T> page(List<T> all, int offset, int limit) {
        return offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + limit + 1));
    }

    static List<String> words(String q) {
        List<String> words = new ArrayList<>();
        for (String w : q.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && words.size() < MAX_WORDS && !words.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    private static int offset(String value) {
        try {
            int offset = Integer.parseInt(value);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidField("cursor", "not a cursor returned by this search");
    }
}
