package org.gallery.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort it belongs to and the sort values of the last row returned. A cursor made for
 * another sort, or not made by Gallery at all, is a 400.
 */
public record Cursor(String sort, List<String> values) {

    private static final String SEP = "\u001f";

    public String encode() {
        String raw = sort + SEP + String.join(SEP, values);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String token, String expectedSort, int valueCount) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(SEP, -1);
            if (parts.length == valueCount + 1 && parts[0].equals(expectedSort)) {
                return new Cursor(parts[0], List.of(parts).subList(1, parts.length));
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw ApiException.invalidField("cursor", "not a cursor returned by this list with this sort");
    }
}
