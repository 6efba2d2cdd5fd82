package org.gallery.caption.generator;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON for the backends' wire formats, read as trees: the backends add fields freely, and we need only a few. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses what a backend sent; anything that is not JSON is a backend error quoting the start of it. */
    static JsonNode parse(String text, String generator) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new CaptionBackendException(CaptionBackendException.Kind.BACKEND_ERROR, generator,
                    generator + " backend sent something that is not JSON: " + excerpt(text), null, excerpt(text), e);
        }
    }

    static @Nullable String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    static @Nullable Integer integer(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
    }

    /**
     * The backend's own message from an error body: OpenAI's {@code {"error":{"message":...}}}, Ollama's
     * {@code {"error":"..."}}, the {@code message} or {@code detail} some OpenAI-compatible servers send, or else the
     * start of the body itself.
     */
    static String errorMessage(String body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            String message = errorMessage(root);
            if (message != null) {
                return message;
            }
        } catch (JacksonException notJson) {
            // quoted below
        }
        return body.isBlank() ? "(empty response)" : excerpt(body);
    }

    /** The message of an in-band error object, or null if {@code root} carries none. */
    static @Nullable String errorMessage(JsonNode root) {
        JsonNode error = root.path("error");
        if (error.isObject()) {
            String message = text(error.path("message"));
            return message != null ? message : error.toString();
        }
        if (error.isString()) {
            return error.stringValue();
        }
        String message = text(root.path("message"));
        if (message != null && root.has("object") && "error".equals(text(root.path("object")))) {
            return message;
        }
        JsonNode detail = root.path("detail");
        if (detail.isString()) {
            return detail.stringValue();
        }
        return detail.isMissingNode() || detail.isNull() ? null : detail.toString();
    }

    static String excerpt(String text) {
        String s = text.strip();
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}
