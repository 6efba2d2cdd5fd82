package org.gallery.caption.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import mockwebserver3.RecordedRequest;
import org.gallery.caption.generator.CaptionBackendException.Kind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Ollama's native chat API: JSON answers, NDJSON streams ending with {@code done: true}, {@code {"error": ...}}. */
class OllamaCaptionGeneratorTest extends HttpGeneratorContract {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    CaptionGenerator generator(String baseUrl, BackendClient client) {
        return new OllamaCaptionGenerator(baseUrl, "llava:13b", client);
    }

    @Override
    String basePath() {
        return "";
    }

    @Override
    String endpointPath() {
        return "/api/chat";
    }

    @Override
    String fullAnswer(String text, int promptTokens, int outputTokens) {
        var root = JSON.createObjectNode().put("model", "llava:13b").put("created_at", "2025-01-01T00:00:00Z");
        root.putObject("message").put("role", "assistant").put("content", text);
        return root.put("done_reason", "stop").put("done", true).put("total_duration", 4_883_583_458L)
                .put("load_duration", 1_334_875).put("prompt_eval_count", promptTokens)
                .put("prompt_eval_duration", 342_546_000).put("eval_count", outputTokens)
                .put("eval_duration", 4_535_599_000L).toString();
    }

    @Override
    String streamContentType() {
        return "application/x-ndjson";
    }

    @Override
    String streamPiece(String delta) {
        var root = JSON.createObjectNode().put("model", "llava:13b").put("created_at", "2025-01-01T00:00:00Z");
        root.putObject("message").put("role", "assistant").put("content", delta);
        return root.put("done", false) + "\n";
    }

    @Override
    String streamEnd(int promptTokens, int outputTokens) {
        return fullAnswer("", promptTokens, outputTokens) + "\n";
    }

    @Override
    String errorBody(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    @Override
    String streamError(String message) {
        return errorBody(message) + "\n";
    }

    @Test
    void theRequestCarriesModelPromptImagesStreamFlagAndNumPredict() throws Exception {
        server.enqueue(json(200, fullAnswer("A red rectangle.", 1, 1)));

        GeneratedCaption caption = generator().generate(new CaptionRequest(IMAGE, "Caption this.", null, 64));

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getHeaders().get("Authorization")).isNull();
        JsonNode body = JSON.readTree(recorded.getBody().utf8());
        assertThat(body.path("model").stringValue()).isEqualTo("llava:13b");
        assertThat(body.path("stream").isBoolean()).isTrue();
        assertThat(body.path("stream").booleanValue()).as("Ollama streams unless told not to").isFalse();
        assertThat(body.path("options").path("num_predict").intValue()).isEqualTo(64);
        JsonNode message = body.path("messages").path(0);
        assertThat(message.path("role").stringValue()).isEqualTo("user");
        assertThat(message.path("content").stringValue()).isEqualTo("Caption this.");
        assertThat(message.path("images").size()).isEqualTo(1);
        assertThat(Base64.getDecoder().decode(message.path("images").path(0).stringValue())).isEqualTo(IMAGE);
        assertThat(caption.generator()).isEqualTo("ollama");
        assertThat(caption.model()).isEqualTo("llava:13b");
    }

    @Test
    void aStreamedRequestSaysSoAndLeavesOutOptionsWithoutMaxTokens() throws Exception {
        server.enqueue(streamOf("A", " red", " rectangle."));

        generator().stream(new CaptionRequest(IMAGE, "Caption this.", "moondream", null), d -> { });

        JsonNode body = JSON.readTree(server.takeRequest().getBody().utf8());
        assertThat(body.path("stream").booleanValue()).isTrue();
        assertThat(body.path("model").stringValue()).isEqualTo("moondream");
        assertThat(body.has("options")).isFalse();
    }

    @Test
    void anUnknownModelIsABackendErrorWithOllamasMessage() {
        server.enqueue(json(404, errorBody("model not found")));

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator().stream(REQUEST, d -> { }));

        assertThat(e.kind()).isEqualTo(Kind.BACKEND_ERROR);
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.backendMessage()).isEqualTo("model not found");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
