package org.gallery.caption.generator;

import java.net.URI;
import java.util.Base64;
import org.gallery.caption.generator.CaptionBackendException.Kind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ollama's native chat API: {@code POST {base}/api/chat} with the image in the message's {@code images}. A streamed
 * answer is newline-delimited JSON, one object per piece of text, the last one with {@code "done": true} and the token
 * counts; errors come as {@code {"error": "..."}}, with an error status or in the middle of a stream.
 */
final class OllamaCaptionGenerator implements CaptionGenerator, AutoCloseable {

    static final String NAME = "ollama";
    static final String DEFAULT_MODEL = "llava";

    private final URI endpoint;
    private final String defaultModel;
    private final BackendClient client;

    OllamaCaptionGenerator(String baseUrl, String defaultModel, BackendClient client) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/api/chat");
        this.defaultModel = defaultModel;
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    String defaultModel() {
        return defaultModel;
    }

    @Override
    public GeneratedCaption generate(CaptionRequest request) {
        long start = System.nanoTime();
        String model = request.model() != null ? request.model() : defaultModel;
        var body = new StringBuilder();
        client.post(post(request, model, false), line -> {
            body.append(line).append('\n');
            return false;
        });
        JsonNode root = Json.parse(body.toString(), NAME);
        failOnError(root);
        String text = Json.text(root.path("message").path("content"));
        if (text == null || text.isBlank()) {
            throw noCaption();
        }
        return new GeneratedCaption(text.strip(), NAME, model, OpenAiCaptionGenerator.elapsedMs(start),
                Json.integer(root.path("prompt_eval_count")), Json.integer(root.path("eval_count")));
    }

    @Override
    public GeneratedCaption stream(CaptionRequest request, TokenSink sink) {
        long start = System.nanoTime();
        String model = request.model() != null ? request.model() : defaultModel;
        var text = new StringBuilder();
        JsonNode[] last = {Json.object()};
        client.post(post(request, model, true), line -> {
            if (line.isBlank()) {
                return false;
            }
            JsonNode piece = Json.parse(line, NAME);
            failOnError(piece);
            String delta = Json.text(piece.path("message").path("content"));
            if (delta != null && !delta.isEmpty()) {
                text.append(delta);
                sink.accept(delta);
            }
            if (piece.path("done").asBoolean(false)) {
                last[0] = piece;
                return true;
            }
            return false;
        });
        if (text.toString().isBlank()) {
            throw noCaption();
        }
        return new GeneratedCaption(text.toString().strip(), NAME, model, OpenAiCaptionGenerator.elapsedMs(start),
                Json.integer(last[0].path("prompt_eval_count")), Json.integer(last[0].path("eval_count")));
    }

    private BackendClient.Post post(CaptionRequest request, String model, boolean streaming) {
        ObjectNode body = Json.object();
        body.put("model", model);
        body.putArray("messages").addObject()
                .put("role", "user")
                .put("content", request.prompt())
                .putArray("images").add(Base64.getEncoder().encodeToString(request.jpeg()));
        body.put("stream", streaming);
        if (request.maxTokens() != null) {
            body.putObject("options").put("num_predict", request.maxTokens());
        }
        return new BackendClient.Post(endpoint, null, Json.bytes(body), streaming, "application/x-ndjson");
    }

    private static void failOnError(JsonNode root) {
        String message = Json.text(root.path("error"));
        if (message != null) {
            throw new CaptionBackendException(Kind.BACKEND_ERROR, NAME, "ollama backend reported an error: " + message,
                    null, message, null);
        }
    }

    private static CaptionBackendException noCaption() {
        return new CaptionBackendException(Kind.BACKEND_ERROR, NAME, "ollama backend: the model returned no text");
    }

    @Override
    public void close() {
        client.close();
    }
}
