package org.gallery.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A list response: {@code {"items": [...], "next_cursor": "..." | null}}. */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static int checkLimit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
