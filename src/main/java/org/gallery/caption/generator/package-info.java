/**
 * Caption generators: the part of captioning that asks a model (or the {@code dummy} stand-in) for the words.
 * Storage, the API and batch jobs live in {@code org.gallery.caption} and use only {@link
 * org.gallery.caption.generator.CaptionGenerators} and {@link org.gallery.caption.generator.CaptionGenerator}.
 *
 * <h2>What is here</h2>
 * <ul>
 *   <li>{@code DummyCaptionGenerator} ({@code dummy}, the default): describes size, orientation and colours;
 *       no network.</li>
 *   <li>{@code OpenAiCaptionGenerator} ({@code openai}): any OpenAI-compatible chat-completions server;
 *       {@code UnslothCaptionGenerator} ({@code unsloth}) is the same protocol pointed at {@code UNSLOTH_BASE_URL}
 *       and {@code UNSLOTH_MODEL_PATH}.</li>
 *   <li>{@code OllamaCaptionGenerator} ({@code ollama}): Ollama's native {@code /api/chat}.</li>
 *   <li>{@code BackendClient}: what every network generator shares, built on the JDK's HTTP client: the deadline
 *       ({@code CAPTION_TIMEOUT_SECONDS}), the stall limit for streams, the fair concurrency limit
 *       ({@code CAPTION_CONCURRENCY}), retries of 429 and 5xx with backoff and {@code Retry-After}, and the mapping
 *       of failures onto {@link org.gallery.caption.generator.CaptionBackendException.Kind}. Retries happen only
 *       on a 429 or 5xx status line, so never after text reached a caller, and never after a 4xx. A refused
 *       connection is {@code UNREACHABLE} at once, without retries: nothing listens there, and backing off would only
 *       delay the 503 (a server that is still loading answers 503, which is retried).</li>
 * </ul>
 *
 * <h2>Adding a generator</h2>
 * <ol>
 *   <li>Write one class implementing {@link org.gallery.caption.generator.CaptionGenerator} with a new
 *       {@code name()}. A network backend takes a {@code BackendClient} and only builds its request body and reads
 *       its response lines; an OpenAI-compatible one can simply extend {@code OpenAiCaptionGenerator}, as
 *       {@code UnslothCaptionGenerator} does.</li>
 *   <li>Register it: one {@code @Bean} method in {@code CaptionGeneratorConfig} (or any {@code @Bean} of type
 *       {@code CaptionGenerator} elsewhere). {@link org.gallery.caption.generator.CaptionGenerators} collects every
 *       such bean by name, so a request can use it and {@code CAPTION_GENERATOR} can select it; the settings loader
 *       lists the accepted values of {@code CAPTION_GENERATOR}, so add the name there too.</li>
 * </ol>
 * All generators are registered, not only the configured one, because a request may pick any of them; they are
 * cheap until used, and the configured one is checked at start-up.
 */
@NullMarked
package org.gallery.caption.generator;

import org.jspecify.annotations.NullMarked;
