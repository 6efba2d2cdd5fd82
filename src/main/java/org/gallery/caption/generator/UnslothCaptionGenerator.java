package org.gallery.caption.generator;

import org.jspecify.annotations.Nullable;

/**
 * The old system's name for a local fine-tuned model (say, one trained with Unsloth), now served by an
 * OpenAI-compatible server such as vLLM or llama.cpp at {@code UNSLOTH_BASE_URL}; the model is
 * {@code UNSLOTH_MODEL_PATH}, the name that server knows it by. The protocol is {@link OpenAiCaptionGenerator}'s.
 */
final class UnslothCaptionGenerator extends OpenAiCaptionGenerator {

    static final String NAME = "unsloth";

    UnslothCaptionGenerator(String baseUrl, @Nullable String modelPath, BackendClient client) {
        super(NAME, baseUrl, null, modelPath, client);
    }

    @Override
    String missingModelHint() {
        return "set UNSLOTH_MODEL_PATH to the model the server at UNSLOTH_BASE_URL serves";
    }
}
