package org.gallery.caption.generator;

import java.util.List;
import org.gallery.config.Settings;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers every caption generator, so a request can pick any of them; {@link CaptionGenerators} serves the one
 * {@code CAPTION_GENERATOR} names by default. The generators are cheap: a network one holds an idle HTTP client and
 * opens connections only when used. {@code CAPTION_MODEL} is the model of the configured generator; the others fall
 * back to their own default.
 */
@Configuration(proxyBeanMethods = false)
class CaptionGeneratorConfig {

    @Bean
    CaptionGenerator dummyCaptionGenerator() {
        return new DummyCaptionGenerator();
    }

    @Bean
    CaptionGenerator openAiCaptionGenerator(Settings settings) {
        Settings.Captions c = settings.captions();
        String model = orElse(modelIfConfigured(c, "openai"), OpenAiCaptionGenerator.DEFAULT_MODEL);
        return new OpenAiCaptionGenerator("openai", c.openaiBaseUrl(), c.openaiApiKey(), model, client("openai", c));
    }

    @Bean
    CaptionGenerator ollamaCaptionGenerator(Settings settings) {
        Settings.Captions c = settings.captions();
        String model = orElse(modelIfConfigured(c, OllamaCaptionGenerator.NAME), OllamaCaptionGenerator.DEFAULT_MODEL);
        return new OllamaCaptionGenerator(c.ollamaBaseUrl(), model, client(OllamaCaptionGenerator.NAME, c));
    }

    @Bean
    CaptionGenerator unslothCaptionGenerator(Settings settings) {
        Settings.Captions c = settings.captions();
        String model = c.unslothModelPath() != null ? c.unslothModelPath()
                : modelIfConfigured(c, UnslothCaptionGenerator.NAME);
        return new UnslothCaptionGenerator(c.unslothBaseUrl(), model, client(UnslothCaptionGenerator.NAME, c));
    }

    @Bean
    CaptionGenerators captionGenerators(List<CaptionGenerator> generators, Settings settings) {
        return new CaptionGenerators(generators, settings.captions().generator());
    }

    /** The HTTP side every network generator shares: timeouts, the concurrency limit and retries. */
    static BackendClient client(String name, Settings.Captions c) {
        return new BackendClient(name, CaptionTimeouts.ofSeconds(c.timeoutSeconds()), c.concurrency(), RetryPolicy.DEFAULT);
    }

    private static @Nullable String modelIfConfigured(Settings.Captions c, String name) {
        return name.equals(c.generator()) ? c.model() : null;
    }

    private static String orElse(@Nullable String value, String fallback) {
        return value != null ? value : fallback;
    }
}
