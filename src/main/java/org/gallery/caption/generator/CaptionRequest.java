package org.gallery.caption.generator;

import org.jspecify.annotations.Nullable;

/**
 * What to caption and how.
 *
 * @param jpeg      the image, already downscaled and encoded as JPEG by the caller
 * @param prompt    the instruction for the model; {@link #DEFAULT_PROMPT} when null or blank
 * @param model     the model to ask for; null for the generator's configured default
 * @param maxTokens the most tokens to generate; null for the backend's own limit
 */
public record CaptionRequest(byte[] jpeg, String prompt, @Nullable String model, @Nullable Integer maxTokens) {

    public static final String DEFAULT_PROMPT = "Describe this image in one detailed sentence.";

    public CaptionRequest {
        if (jpeg == null || jpeg.length == 0) {
            throw new IllegalArgumentException("the image is empty");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        prompt = prompt == null || prompt.isBlank() ? DEFAULT_PROMPT : prompt;
        model = model == null || model.isBlank() ? null : model.strip();
    }

    public CaptionRequest(byte[] jpeg, String prompt) {
        this(jpeg, prompt, null, null);
    }

    @Override
    public String toString() {
        return "CaptionRequest[jpeg=" + jpeg.length + " bytes, prompt=" + prompt + ", model=" + model
                + ", maxTokens=" + maxTokens + "]";
    }
}
