package org.gallery.caption.generator;

import java.util.Optional;

/**
 * Writes a caption for one image. Implementations are Spring beans collected by {@link CaptionGenerators};
 * {@link #name()} is the value of {@code CAPTION_GENERATOR} and of the API's {@code generator} field.
 *
 * <p>Both methods block the calling thread until the caption is complete. They throw
 * {@link CaptionBackendException} when the backend fails, is unreachable or too slow, and
 * {@link java.util.concurrent.CancellationException} (with the thread's interrupt flag set again) when the calling
 * thread is interrupted; an exception thrown by the {@link TokenSink} is rethrown as it is. In the last two cases
 * the request to the backend is cancelled before the method returns.
 */
public interface CaptionGenerator {

    /** The stable id: {@code dummy}, {@code openai}, {@code ollama}, {@code unsloth}. */
    String name();

    /** Generates the whole caption, then returns it. */
    GeneratedCaption generate(CaptionRequest request);

    /**
     * Generates the caption, handing each piece of text to {@code sink} as soon as the backend sends it, and returns
     * the whole caption at the end. If the sink throws, generation stops and nothing is returned.
     */
    GeneratedCaption stream(CaptionRequest request, TokenSink sink);

    /**
     * Why this generator cannot work with the current settings, if it cannot; checked at start-up for the
     * configured one.
     */
    default Optional<String> configurationProblem() {
        return Optional.empty();
    }
}
