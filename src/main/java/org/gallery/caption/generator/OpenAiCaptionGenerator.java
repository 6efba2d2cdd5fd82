package org.gallery.caption.generator;

import java.net.URI;
import java.util.Base64;
import java.util.Optional;
import org.gallery.caption.generator.CaptionBackendException.Kind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any OpenAI-compatible chat-completions server that takes images: OpenAI itself, vLLM, llama.cpp's server,
 * LM Studio, Ollama's {@code /v1}. Sends {@code POST {base}/chat/completions} with the prompt and the image as a
 * {@code data:} URL; a streamed answer is read as Server-Sent Events of {@code chat.completion.chunk} objects until
 * {@code data: [DONE]}.
 */
class OpenAiCaptionGenerator implements CaptionGenerator, AutoCloseable {

    static final String DEFAULT_MODEL = "gpt-4o-mini";

    private final String name;
    private final URI endpoint;
    private final @Nullable String apiKey;
    private final @Nullable String defaultModel;
    private final BackendClient client;

    OpenAiCaptionGenerator(String name, String baseUrl, @Nullable String apiKey, @Nullable String defaultModel,
            BackendClient client) {
        this.name = name;
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.defaultModel = defaultModel;
        this.client = client;
    }

    @Override
    public String name() {
        return name;
    }

    URI endpoint() {
        return endpoint;
    }

    @Nullable String defaultModel() {
        return defaultModel;
    }

    /** What to set when no model is configured. */
    String missingModelHint() {
        return "set CAPTION_MODEL";
    }

    @Override
    public Optional<String> configurationProblem() {
        return defaultModel == null
                ? Optional.of("the " + name + " caption generator has no model: " + missingModelHint())
                : Optional.empty();
    }

    @Override
    public GeneratedCaption generate(CaptionRequest request) {
        long start = System.nanoTime();
        String model = model(request);
        var body = new StringBuilder();
        client.post(post(request, model, false), line -> {
            body.append(line).append('\n');
            return false;
        });
        JsonNode root = Json.parse(body.toString(), name);
        failOnError(root);
        JsonNode message = root.path("choices").path(0).path("message");
        String text = Json.text(message.path("content"));
        if (text == null || text.isBlank()) {
            String refusal = Json.text(message.path("refusal"));
            throw noCaption(refusal);
        }
        JsonNode usage = root.path("usage");
        return new GeneratedCaption(text.strip(), name, model, elapsedMs(start),
                Json.integer(usage.path("prompt_tokens")), Json.integer(usage.path("completion_tokens")));
    }

    @Override
    public GeneratedCaption stream(CaptionRequest request, TokenSink sink) {
        long start = System.nanoTime();
        String model = model(request);
        var text = new StringBuilder();
        JsonNode[] usage = {null};
        client.post(post(request, model, true), new ServerSentEvents(data -> {
            if (data.strip().equals("[DONE]")) {
                return true;
            }
            JsonNode chunk = Json.parse(data, name);
            failOnError(chunk);
            String delta = Json.text(chunk.path("choices").path(0).path("delta").path("content"));
            if (delta != null && !delta.isEmpty()) {
                text.append(delta);
                sink.accept(delta);
            }
            if (chunk.path("usage").isObject()) {
                usage[0] = chunk.path("usage");
            }
            return false;
        }));
        if (text.isEmpty() || text.toString().isBlank()) {
            throw noCaption(null);
        }
        JsonNode u = usage[0] == null ? Json.object() : usage[0];
        return new GeneratedCaption(text.toString().strip(), name, model, elapsedMs(start),
                Json.integer(u.path("prompt_tokens")), Json.integer(u.path("completion_tokens")));
    }

    private String model(CaptionRequest request) {
        if (request.model() != null) {
            return request.model();
        }
        if (defaultModel != null) {
            return defaultModel;
        }
        throw new CaptionBackendException(Kind.BACKEND_ERROR, name,
                "the " + name + " caption generator has no model: " + missingModelHint() + ", or name one in the request");
    }

    private BackendClient.Post post(CaptionRequest request, String model, boolean streaming) {
        ObjectNode body = Json.object();
        body.put("model", model);
        ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", request.prompt());
        content.addObject().put("type", "image_url").putObject("image_url")
                .put("url", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(request.jpeg()));
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (streaming) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return new BackendClient.Post(endpoint, apiKey, Json.bytes(body), streaming, "text/event-stream");
    }

    private void failOnError(JsonNode root) {
        String message = Json.errorMessage(root);
        if (message != null) {
            throw new CaptionBackendException(Kind.BACKEND_ERROR, name, name + " backend reported an error: " + message,
                    null, message, null);
        }
    }

    private CaptionBackendException noCaption(@Nullable String refusal) {
        String message = refusal != null ? "the model refused: " + refusal : "the model returned no text";
        return new CaptionBackendException(Kind.BACKEND_ERROR, name, name + " backend: " + message, null, refusal, null);
    }

    static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        client.close();
    }
}
