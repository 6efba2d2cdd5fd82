package org.gallery.caption;

import java.util.UUID;

/** What a generation produced, and the saved version when it was saved. */
record GenerationResult(UUID imageId, String caption, String generator, String model, String prompt, long durationMs,
        Integer promptTokens, Integer outputTokens, Caption saved) {
}
