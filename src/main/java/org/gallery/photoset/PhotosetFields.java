package org.gallery.photoset;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gallery.shared.Names;
import org.gallery.tag.TagService;
import org.gallery.web.ApiException;

/** Checks photoset fields, collecting every bad field into one 400. */
final class PhotosetFields {

    static final int MAX_NAME = 200;
    static final int MAX_URL = 2048;

    private final List<ApiException.FieldError> errors = new ArrayList<>();

    String name(String raw, boolean required) {
        if (raw == null) {
            if (required) {
                errors.add(new ApiException.FieldError("name", "is required"));
            }
            return null;
        }
        String name = Names.clean(raw);
        if (name.isEmpty()) {
            errors.add(new ApiException.FieldError("name", "must not be blank"));
        } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
            errors.add(new ApiException.FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
        return name;
    }

    Integer year(Integer year) {
        if (year != null && (year < 1000 || year > 9999)) {
            errors.add(new ApiException.FieldError("year", "must be a four-digit year"));
        }
        return year;
    }

    String date(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip()).toString();
        } catch (DateTimeParseException e) {
            errors.add(new ApiException.FieldError("date", "must be an ISO date (YYYY-MM-DD)"));
            return null;
        }
    }

    String text(String field, String raw, int max) {
        if (raw == null) {
            return null;
        }
        String v = raw.strip();
        if (v.length() > max) {
            errors.add(new ApiException.FieldError(field, "must be at most " + max + " characters"));
        }
        return v.isEmpty() ? null : v;
    }

    List<String> names(String field, List<String> raw) {
        if (raw == null) {
            return null;
        }
        try {
            return TagService.clean(raw, field);
        } catch (ApiException e) {
            errors.addAll(e.errors());
            return List.of();
        }
    }

    Map<String, Object> extra(Map<String, Object> extra) {
        return extra == null ? null : new LinkedHashMap<>(extra);
    }

    /** The request's fields, cleaned; a 400 listing every bad field when any is wrong. */
    record Valid(String name, Integer year, String date, String sourceUrl, String originalFilename,
            List<String> actors, List<String> tags) {
    }

    static Valid validate(PhotosetRequest request, boolean creating) {
        var f = new PhotosetFields();
        var valid = new Valid(f.name(request.name(), creating), f.year(request.year()), f.date(request.date()),
                f.text("source_url", request.sourceUrl(), MAX_URL),
                f.text("original_filename", request.originalFilename(), 1024),
                f.names("actors", request.actors()), f.names("tags", request.tags()));
        f.check();
        return valid;
    }

    void check() {
        if (!errors.isEmpty()) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "Invalid photoset: " + errors.stream().map(e -> e.field() + " " + e.message()).toList(), errors);
        }
    }
}
