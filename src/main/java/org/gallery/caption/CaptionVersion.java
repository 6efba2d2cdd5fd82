package org.gallery.caption;

/** What a new caption version records besides its text: who made it and how. */
public record CaptionVersion(String text, String source, String generator, String model, String prompt,
        Long durationMs, Integer promptTokens, Integer outputTokens) {

    public static CaptionVersion manual(String text) {
        return new CaptionVersion(text, Caption.MANUAL, null, null, null, null, null, null);
    }
}
