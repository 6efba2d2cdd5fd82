package org.gallery.caption.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.gallery.caption.generator.CaptionBackendException.Kind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAI chat-completions protocol: JSON answers, SSE {@code chat.completion.chunk} streams, error objects. */
class OpenAiCaptionGeneratorTest extends HttpGeneratorContract {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    CaptionGenerator generator(String baseUrl, BackendClient client) {
        return new OpenAiCaptionGenerator("openai", baseUrl, "sk-test-123", "gpt-4o-mini", client);
    }

    @Override
    String basePath() {
        return "/v1";
    }

    @Override
    String endpointPath() {
        return "/v1/chat/completions";
    }

    @Override
    String fullAnswer(String text, int promptTokens, int outputTokens) {
        var root = JSON.createObjectNode()
                .put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_700_000_000)
                .put("model", "gpt-4o-mini-2024-07-18");
        var choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", outputTokens)
                .put("total_tokens", promptTokens + outputTokens);
        return root.toString();
    }

    @Override
    String streamContentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    String streamPiece(String delta) {
        var chunk = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", "gpt-4o-mini");
        var choice = chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason");
        choice.putObject("delta").put("content", delta);
        chunk.putNull("usage");
        return "data: " + chunk + "\n\n";
    }

    @Override
    String streamEnd(int promptTokens, int outputTokens) {
        var last = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk");
        last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
        var usage = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk");
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", outputTokens);
        return "data: " + last + "\n\n" + "data: " + usage + "\n\n" + "data: [DONE]\n\n";
    }

    @Override
    String errorBody(String message) {
        var root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", "invalid_request_error").putNull("param")
                .putNull("code");
        return root.toString();
    }

    @Override
    String streamError(String message) {
        return "data: " + errorBody(message) + "\n\n";
    }

    @Test
    void theRequestCarriesModelPromptImageAsDataUrlMaxTokensAndKey() throws Exception {
        server.enqueue(json(200, fullAnswer("A red rectangle.", 1, 1)));

        generator().generate(new CaptionRequest(IMAGE, "Caption this.", null, 77));

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test-123");
        JsonNode body = JSON.readTree(recorded.getBody().utf8());
        assertThat(body.path("model").stringValue()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("max_tokens").intValue()).isEqualTo(77);
        assertThat(body.has("stream")).isFalse();
        JsonNode message = body.path("messages").path(0);
        assertThat(body.path("messages").size()).isEqualTo(1);
        assertThat(message.path("role").stringValue()).isEqualTo("user");
        JsonNode content = message.path("content");
        assertThat(content.size()).isEqualTo(2);
        assertThat(content.path(0).path("type").stringValue()).isEqualTo("text");
        assertThat(content.path(0).path("text").stringValue()).isEqualTo("Caption this.");
        assertThat(content.path(1).path("type").stringValue()).isEqualTo("image_url");
        String url = content.path(1).path("image_url").path("url").stringValue();
        assertThat(url).startsWith("data:image/jpeg;base64,");
        assertThat(Base64.getDecoder().decode(url.substring("data:image/jpeg;base64,".length()))).isEqualTo(IMAGE);
    }

    @Test
    void aStreamedRequestAsksForAStreamWithUsage() throws Exception {
        server.enqueue(streamOf("A", " red", " rectangle."));

        GeneratedCaption caption = generator().stream(new CaptionRequest(IMAGE, "Caption this.", "llava-v1.6", null),
                d -> { });

        RecordedRequest recorded = server.takeRequest();
        JsonNode body = JSON.readTree(recorded.getBody().utf8());
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(body.path("stream").booleanValue()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").booleanValue()).isTrue();
        assertThat(body.path("model").stringValue()).isEqualTo("llava-v1.6");
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(caption.model()).isEqualTo("llava-v1.6");
        assertThat(caption.generator()).isEqualTo("openai");
    }

    @Test
    void withoutAKeyNoAuthorizationIsSent() throws Exception {
        server.enqueue(json(200, fullAnswer("A red rectangle.", 1, 1)));
        var generator = new OpenAiCaptionGenerator("openai", server.url("/v1").toString(), null, "local-model",
                new BackendClient("openai", TIMEOUTS, 1, FAST_RETRIES));

        generator.generate(REQUEST);

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void sseCommentsAndMultiLineEventsAreUnderstood() {
        server.enqueue(stream(out -> {
            out.send(": keep-alive\n\n");
            String piece = streamPiece("A red");
            // the same event split over two data lines, as the SSE format allows
            String json = piece.substring("data: ".length(), piece.length() - 2);
            int cut = json.indexOf(",\"object\"");
            out.send("event: message\ndata: " + json.substring(0, cut) + "\ndata: " + json.substring(cut) + "\n\n");
            out.send(streamPiece(" rectangle."));
            out.send(streamEnd(1, 2));
        }));
        List<String> pieces = new CopyOnWriteArrayList<>();

        assertThat(generator().stream(REQUEST, pieces::add).text()).isEqualTo("A red rectangle.");
        assertThat(pieces).containsExactly("A red", " rectangle.");
    }

    @Test
    void aRefusalIsABackendErrorCarryingIt() {
        var root = JSON.createObjectNode();
        root.putArray("choices").addObject().putObject("message").put("role", "assistant").putNull("content")
                .put("refusal", "I can't help with that.");
        server.enqueue(json(200, root.toString()));

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator().generate(REQUEST));

        assertThat(e.kind()).isEqualTo(Kind.BACKEND_ERROR);
        assertThat(e.backendMessage()).isEqualTo("I can't help with that.");
    }

    @Test
    void anAnswerThatIsNotJsonIsABackendError() {
        server.enqueue(json(200, "<html>proxy error</html>"));

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator().generate(REQUEST));

        assertThat(e.kind()).isEqualTo(Kind.BACKEND_ERROR);
        assertThat(e.getMessage()).contains("not JSON", "proxy error");
    }

    @Test
    void anOpenAiCompatibleServersFlatErrorIsUnderstood() {
        server.enqueue(json(404, "{\"object\":\"error\",\"message\":\"The model `x` does not exist.\",\"type\":"
                + "\"NotFoundError\",\"param\":null,\"code\":404}"));

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator().generate(REQUEST));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.backendMessage()).isEqualTo("The model `x` does not exist.");
    }

    @Test
    void aRedirectIsNotFollowedButNamed() {
        server.enqueue(new MockResponse.Builder().code(308)
                .setHeader("Location", "https://elsewhere.example/v1/chat/completions").build());

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator().generate(REQUEST));

        assertThat(e.kind()).isEqualTo(Kind.BACKEND_ERROR);
        assertThat(e.httpStatus()).isEqualTo(308);
        assertThat(e.getMessage()).contains("https://elsewhere.example/v1/chat/completions");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
