package org.gallery.search;

import static org.gallery.search.SearchTables.I_ID;
import static org.gallery.search.SearchTables.I_PHOTOSET;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.gallery.image.ImageFacet;
import org.gallery.image.ImageService;
import org.gallery.photoset.PhotosetService;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;
import org.gallery.web.Cursor;
import org.gallery.web.Page;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** {@code GET /api/v2/search}: ranked text search now; the semantic and hybrid modes wait for embeddings. */
@Service
public class SearchService {

    /** Words beyond these are ignored: each one is another condition every match must meet. */
    static final int MAX_WORDS = 32;

    public record Query(String q, String mode, UUID photosetId, List<String> tags, Boolean hasCaption, Integer limit,
            String cursor) {
    }

    private final TextSearch text;
    private final ImageService images;
    private final PhotosetService photosets;
    private final ImageFacet captions;

    SearchService(TextSearch text, ImageService images, PhotosetService photosets, List<ImageFacet> facets) {
        this.text = text;
        this.images = images;
        this.photosets = photosets;
        this.captions = facets.stream().filter(f -> f.name().equals("caption")).findFirst().orElse(null);
    }

    public Page<SearchResult> search(Query query) {
        String mode = query.mode() == null ? "text" : query.mode();
        switch (mode) {
            case "text" -> {
            }
            case "semantic", "hybrid" -> throw embeddingsOff("mode=" + mode);
            default -> throw ApiException.invalidField("mode", "must be text (semantic and hybrid need EMBEDDINGS)");
        }
        if (query.q() == null || query.q().isBlank()) {
            throw ApiException.invalidField("q", "is required: the words to search for");
        }
        List<String> words = words(query.q());
        if (words.isEmpty()) {
            throw ApiException.invalidField("q", "has no letters or digits to search for");
        }
        int limit = Page.checkLimit(query.limit());
        if (query.photosetId() != null && !photosets.exists(query.photosetId())) {
            throw ApiException.notFound("Photoset", query.photosetId());
        }
        List<String> tags = tags(query.tags());
        // a cursor belongs to one search: the same words, mode and filters
        String sort = "search:" + Integer.toHexString(Objects.hash(words, mode, query.photosetId(), tags,
                query.hasCaption()));
        int offset = query.cursor() == null ? 0 : offset(Cursor.decode(query.cursor(), sort, 1).values().getFirst());
        var hits = text.search(words, filters(query.photosetId(), tags, query.hasCaption()), offset, limit + 1);
        List<SearchResult> items = hits.stream().limit(limit)
                .map(h -> new SearchResult(images.get(h.imageId()), h.score())).toList();
        String next = hits.size() > limit ? new Cursor(sort, List.of(String.valueOf(offset + limit))).encode() : null;
        return new Page<>(items, next);
    }

    private Condition filters(UUID photosetId, List<String> tags, Boolean hasCaption) {
        Condition where = DSL.trueCondition();
        if (photosetId != null) {
            where = where.and(I_PHOTOSET.eq(photosetId));
        }
        if (!tags.isEmpty()) {
            where = where.and(TagService.imageHasAllTags(I_ID, tags));
        }
        if (hasCaption != null) {
            Condition present = captions == null ? DSL.falseCondition() : captions.present(I_ID);
            where = where.and(hasCaption ? present : present.not());
        }
        return where;
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

    private static List<String> tags(List<String> values) {
        List<String> tags = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        tags.add(part.strip());
                    }
                }
            }
        }
        return tags;
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

    /** 503: the mode exists but needs embeddings, which are not switched on in this version. */
    static ApiException embeddingsOff(String what) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, what + " needs image embeddings, which are off: "
                + "the EMBEDDINGS setting enables them (not available in this version); use mode=text");
    }
}
