package org.gallery.photoset;

import java.util.List;
import java.util.Map;

/** Body of create and update; on update, a field left out (or null) keeps its value. */
public record PhotosetRequest(
        String name,
        Integer year,
        String date,
        String sourceUrl,
        String originalFilename,
        List<String> actors,
        List<String> tags,
        Map<String, Object> extra) {
}
