package org.gallery.caption.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code unsloth} is the OpenAI protocol pointed at {@code UNSLOTH_BASE_URL} with {@code UNSLOTH_MODEL_PATH}. */
class UnslothCaptionGeneratorTest {

    @TempDir
    Path dir;

    MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Settings.Captions captions(Map<String, String> env) {
        return SettingsLoader.load(env, dir).captions();
    }

    @Test
    void postsToTheUnslothBaseUrlWithTheModelPathAndNoOpenAiKey() throws Exception {
        var c = captions(Map.of("UNSLOTH_BASE_URL", server.url("/v1").toString(),
                "UNSLOTH_MODEL_PATH", "/models/gallery-captioner-lora", "OPENAI_API_KEY", "sk-not-for-local"));
        var generator = (UnslothCaptionGenerator) new CaptionGeneratorConfig().unslothCaptionGenerator(settingsWith(c));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A red square.\"}}],"
                        + "\"usage\":{\"prompt_tokens\":600,\"completion_tokens\":4}}").build());

        GeneratedCaption caption = generator.generate(new CaptionRequest(Jpegs.solid(16, 16, Color.RED), "Caption."));

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.getHeaders().get("Authorization")).isNull();
        JsonNode body = JsonMapper.builder().build().readTree(recorded.getBody().utf8());
        assertThat(body.path("model").stringValue()).isEqualTo("/models/gallery-captioner-lora");
        assertThat(body.path("messages").path(0).path("content").path(1).path("image_url").path("url").stringValue())
                .startsWith("data:image/jpeg;base64,");
        assertThat(caption).extracting(GeneratedCaption::text, GeneratedCaption::generator, GeneratedCaption::model,
                GeneratedCaption::promptTokens)
                .containsExactly("A red square.", "unsloth", "/models/gallery-captioner-lora", 600);
        generator.close();
    }

    @Test
    void defaultsToTheLocalServerOnPort8000() {
        var c = captions(Map.of("UNSLOTH_MODEL_PATH", "my-model"));
        var generator = (UnslothCaptionGenerator) new CaptionGeneratorConfig().unslothCaptionGenerator(settingsWith(c));

        assertThat(generator.name()).isEqualTo("unsloth");
        assertThat(generator.endpoint()).hasToString("http://127.0.0.1:8000/v1/chat/completions");
        assertThat(generator.defaultModel()).isEqualTo("my-model");
        assertThat(generator.configurationProblem()).isEmpty();
        generator.close();
    }

    @Test
    void withoutAModelPathItSaysWhatToSet() {
        var generator = (UnslothCaptionGenerator) new CaptionGeneratorConfig()
                .unslothCaptionGenerator(settingsWith(captions(Map.of())));

        assertThat(generator.configurationProblem()).hasValueSatisfying(p -> assertThat(p).contains("UNSLOTH_MODEL_PATH"));
        generator.close();
    }

    Settings settingsWith(Settings.Captions captions) {
        Settings s = SettingsLoader.load(Map.of(), dir);
        return new Settings(s.database(), s.autoMigrate(), s.redisUrl(), s.storage(), s.apiHost(), s.apiPort(),
                s.corsOrigins(), s.metadataCacheTtlSeconds(), s.imaging(), captions, s.jobWorkers(), s.exportTtlHours(),
                s.archiveLimits(), s.auth(), s.embeddings());
    }
}
