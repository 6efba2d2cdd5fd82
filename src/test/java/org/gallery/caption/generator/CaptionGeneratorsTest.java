package org.gallery.caption.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The registry and its Spring wiring: every generator registered, the configured one chosen, bad names refused. */
class CaptionGeneratorsTest {

    @TempDir
    Path dir;

    ApplicationContextRunner context(Map<String, String> env) {
        Settings settings = SettingsLoader.load(env, dir);
        return new ApplicationContextRunner()
                .withBean(Settings.class, () -> settings)
                .withUserConfiguration(CaptionGeneratorConfig.class);
    }

    @Test
    void everyGeneratorIsRegisteredAndDummyIsTheDefault() {
        context(Map.of()).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBeansOfType(CaptionGenerator.class)).hasSize(4);
            CaptionGenerators generators = ctx.getBean(CaptionGenerators.class);
            assertThat(generators.names()).containsExactly("dummy", "ollama", "openai", "unsloth");
            assertThat(generators.configured()).isInstanceOf(DummyCaptionGenerator.class);
            assertThat(generators.get(null)).isSameAs(generators.configured());
            assertThat(generators.get("ollama")).isInstanceOf(OllamaCaptionGenerator.class);
        });
    }

    @Test
    void theConfiguredGeneratorIsChosenAndGetsCaptionModel() {
        context(Map.of("CAPTION_GENERATOR", "openai", "CAPTION_MODEL", "gpt-4.1-mini")).run(ctx -> {
            CaptionGenerators generators = ctx.getBean(CaptionGenerators.class);
            assertThat(generators.configured().name()).isEqualTo("openai");
            assertThat(((OpenAiCaptionGenerator) generators.configured()).defaultModel()).isEqualTo("gpt-4.1-mini");
            // the others keep their own default instead of another backend's model name
            assertThat(((OllamaCaptionGenerator) generators.get("ollama")).defaultModel())
                    .isEqualTo(OllamaCaptionGenerator.DEFAULT_MODEL);
        });
        context(Map.of("CAPTION_GENERATOR", "ollama", "CAPTION_MODEL", "moondream")).run(ctx -> {
            CaptionGenerators generators = ctx.getBean(CaptionGenerators.class);
            assertThat(generators.configured()).isInstanceOf(OllamaCaptionGenerator.class);
            assertThat(((OllamaCaptionGenerator) generators.configured()).defaultModel()).isEqualTo("moondream");
            assertThat(((OpenAiCaptionGenerator) generators.get("openai")).defaultModel())
                    .isEqualTo(OpenAiCaptionGenerator.DEFAULT_MODEL);
        });
        context(Map.of("CAPTION_GENERATOR", "unsloth", "UNSLOTH_MODEL_PATH", "lora")).run(ctx ->
                assertThat(ctx.getBean(CaptionGenerators.class).configured()).isInstanceOf(UnslothCaptionGenerator.class));
    }

    @Test
    void startUpFailsWhenTheConfiguredGeneratorCannotWork() {
        context(Map.of("CAPTION_GENERATOR", "unsloth")).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("UNSLOTH_MODEL_PATH");
        });
    }

    @Test
    void anUnknownConfiguredNameFailsListingTheKnownOnes() {
        var generators = List.<CaptionGenerator>of(new DummyCaptionGenerator());

        assertThatThrownBy(() -> new CaptionGenerators(generators, "gemini"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CAPTION_GENERATOR=gemini")
                .hasMessageContaining("known: dummy");
    }

    @Test
    void anUnknownRequestedNameListsTheKnownOnes() {
        var generators = new CaptionGenerators(List.of(new DummyCaptionGenerator()), "dummy");

        assertThat(generators.find("gemini")).isEmpty();
        assertThatThrownBy(() -> generators.get("gemini")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known: dummy");
    }

    @Test
    void twoGeneratorsWithOneNameAreRefused() {
        assertThatThrownBy(() -> new CaptionGenerators(
                List.of(new DummyCaptionGenerator(), new DummyCaptionGenerator()), "dummy"))
                .hasMessageContaining("Two caption generators are named 'dummy'");
    }
}
