package org.gallery.image;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gallery.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The filters of the image list given as a JSON object ({@code "filter": {"tags": [...], "has_caption": true}}), for
 * the requests that act on "every image matching": bulk changes, caption jobs, find/replace, exports. They select
 * exactly what {@code GET /images} with the same filters lists.
 */
public final class ImageFilters {

    /** The names a filter object may use: the query parameters of {@code GET /images} that filter. */
    public static final Set<String> NAMES = Set.of("photoset_id", "tags", "has_caption", "has_crop", "q", "year",
            "date_from", "date_to");

    /** How the request documents describe a filter object. */
    public static final String DESCRIPTION = "The filters of GET /images as an object: photoset_id, tags (list or "
            + "comma-separated), has_caption, has_crop, q, year, date_from, date_to (YYYY-MM-DD)";

    private ImageFilters() {
    }

    /** Reads a filter object; every bad entry is listed in one 400 (fields named {@code filter.<name>}). */
    public static ImageQuery parse(Map<String, Object> raw) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (String key : raw.keySet()) {
            if (!NAMES.contains(key)) {
                errors.add(new ApiException.FieldError("filter." + key, "unknown filter; known: "
                        + NAMES.stream().sorted().toList()));
            }
        }
        UUID photoset = uuid(raw.get("photoset_id"), errors);
        List<String> tags = tags(raw.get("tags"), errors);
        Boolean hasCaption = bool("has_caption", raw.get("has_caption"), errors);
        Boolean hasCrop = bool("has_crop", raw.get("has_crop"), errors);
        Object q = raw.get("q");
        if (q != null && !(q instanceof String)) {
            errors.add(new ApiException.FieldError("filter.q", "must be text"));
        }
        Integer year = null;
        if (raw.get("year") instanceof Integer y) {
            year = y;
        } else if (raw.get("year") != null) {
            errors.add(new ApiException.FieldError("filter.year", "must be a whole number"));
        }
        LocalDate from = date("date_from", raw.get("date_from"), errors);
        LocalDate to = date("date_to", raw.get("date_to"), errors);
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid filter: "
                    + errors.stream().map(e -> e.field() + " " + e.message()).toList(), errors);
        }
        return new ImageQuery(photoset, tags, hasCaption, hasCrop, (String) q, year, from, to, null, null, null, null);
    }

    private static UUID uuid(Object value, List<ApiException.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            errors.add(new ApiException.FieldError("filter.photoset_id", "must be an id (UUID)"));
            return null;
        }
    }

    private static List<String> tags(Object value, List<ApiException.FieldError> errors) {
        if (value == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (value instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        } else if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            list.forEach(v -> names.add(((String) v).strip()));
        } else {
            errors.add(new ApiException.FieldError("filter.tags", "must be a list of names or a comma-separated text"));
        }
        return names;
    }

    private static Boolean bool(String name, Object value, List<ApiException.FieldError> errors) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        errors.add(new ApiException.FieldError("filter." + name, "must be true or false"));
        return null;
    }

    private static LocalDate date(String name, Object value, List<ApiException.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            errors.add(new ApiException.FieldError("filter." + name, "must be a date YYYY-MM-DD"));
            return null;
        }
    }
}
