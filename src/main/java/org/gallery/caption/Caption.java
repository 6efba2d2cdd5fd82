package org.gallery.caption;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A caption version with its provenance; {@code author} is the user (or {@code cli}) who saved it or started its
 * generation; {@code history} is filled only when asked for.
 */
public record Caption(
        UUID id,
        UUID imageId,
        String caption,
        String source,
        @Nullable String generator,
        @Nullable String model,
        @Nullable String prompt,
        @Nullable Long durationMs,
        @Nullable Integer promptTokens,
        @Nullable Integer outputTokens,
        boolean current,
        Instant createdAt,
        @Nullable String author,
        @Nullable List<Caption> history) {

    public static final String MANUAL = "manual";
    public static final String GENERATED = "generated";

    Caption withHistory(List<Caption> versions) {
        return new Caption(id, imageId, caption, source, generator, model, prompt, durationMs, promptTokens,
                outputTokens, current, createdAt, author, versions);
    }
}
