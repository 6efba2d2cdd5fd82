package org.gallery.caption;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a generation produced, and the saved version when it was saved. */
record GenerationResult(UUID imageId, String caption, String generator, @Nullable String model, String prompt, long durationMs,
        @Nullable Integer promptTokens, @Nullable Integer outputTokens, @Nullable Caption saved) {
}
