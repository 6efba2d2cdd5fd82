package org.gallery.caption;

import java.util.List;
import java.util.UUID;

/** Body of {@code POST /api/v2/captions/replace}: what to find, what to put instead, and where. */
record ReplaceRequest(String find, String replace, Boolean regex, Boolean ignoreCase, UUID photosetId,
        List<UUID> imageIds,
        @io.swagger.v3.oas.annotations.media.Schema(description = org.gallery.image.ImageFilters.DESCRIPTION)
        java.util.Map<String, Object> filter,
        Boolean all, Boolean dryRun) {
}
