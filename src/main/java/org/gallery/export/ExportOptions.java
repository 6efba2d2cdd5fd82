package org.gallery.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gallery.web.ApiException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How images go into an export: originals or crops, an optional long edge, and caption sidecars.
 *
 * @param maxSize long edge in pixels, 0 for none; larger images are scaled down and re-encoded, never up
 */
record ExportOptions(boolean cropped, int maxSize, boolean captions, String captionExtension,
        boolean captionPrefixTags) {

    static final int MAX_SIZE_LIMIT = 65_535;

    /** Validates the options as given in a request; every bad one is listed in one 400. */
    static ExportOptions parse(String images, Integer maxSize, Boolean captions, String captionExtension,
            Boolean captionPrefixTags) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        String mode = images == null || images.isBlank() ? "original" : images.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("original") && !mode.equals("cropped")) {
            errors.add(new ApiException.FieldError("images", "must be original or cropped"));
        }
        if (maxSize != null && (maxSize < 1 || maxSize > MAX_SIZE_LIMIT)) {
            errors.add(new ApiException.FieldError("max_size", "must be from 1 to " + MAX_SIZE_LIMIT + " pixels"));
        }
        String ext = captionExtension == null || captionExtension.isBlank() ? ".txt"
                : captionExtension.strip().toLowerCase(Locale.ROOT);
        if (!ext.startsWith(".")) {
            ext = "." + ext;
        }
        if (!ext.equals(".txt") && !ext.equals(".caption")) {
            errors.add(new ApiException.FieldError("caption_extension", "must be .txt or .caption"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid export options: "
                    + errors.stream().map(e -> e.field() + " " + e.message()).toList(), errors);
        }
        return new ExportOptions(mode.equals("cropped"), maxSize == null ? 0 : maxSize,
                Boolean.TRUE.equals(captions), ext, Boolean.TRUE.equals(captionPrefixTags));
    }

    ObjectNode toJson(JsonMapper json) {
        ObjectNode o = json.createObjectNode();
        o.put("images", cropped ? "cropped" : "original");
        if (maxSize > 0) {
            o.put("max_size", maxSize);
        } else {
            o.putNull("max_size");
        }
        o.put("captions", captions);
        o.put("caption_extension", captionExtension);
        o.put("caption_prefix_tags", captionPrefixTags);
        return o;
    }

    static ExportOptions fromJson(JsonNode o) {
        return new ExportOptions("cropped".equals(o.path("images").asString()), o.path("max_size").asInt(0),
                o.path("captions").asBoolean(false), o.path("caption_extension").asString(".txt"),
                o.path("caption_prefix_tags").asBoolean(false));
    }
}
