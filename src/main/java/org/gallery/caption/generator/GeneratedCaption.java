package org.gallery.caption.generator;

import org.jspecify.annotations.Nullable;

/**
 * A finished caption and where it came from.
 *
 * @param text         the caption, without leading or trailing white space
 * @param generator    the generator's {@link CaptionGenerator#name() name}
 * @param model        the model that was asked for
 * @param durationMs   wall-clock time of the whole call, including waiting for a free slot and retries
 * @param promptTokens tokens the backend counted in the prompt (image included), when it says
 * @param outputTokens tokens the backend generated, when it says
 */
public record GeneratedCaption(
        String text,
        String generator,
        String model,
        long durationMs,
        @Nullable Integer promptTokens,
        @Nullable Integer outputTokens) {
}
