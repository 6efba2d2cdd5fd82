package org.gallery.web.openapi;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;

/** The RFC 9457 problem body every error answers with, as the document describes it. */
final class ProblemSchemas {

    static final String MEDIA_TYPE = "application/problem+json";
    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";

    private static final String PROBLEM_JSON = """
            {"type": "object",
             "description": "An RFC 9457 problem: what went wrong, and with which fields of the request.",
             "required": ["title", "status", "detail"],
             "properties": {
               "type": {"type": "string", "format": "uri-reference", "default": "about:blank", "description": "left out when it is about:blank"},
               "title": {"type": "string", "description": "the status's reason phrase"},
               "status": {"type": "integer", "format": "int32"},
               "detail": {"type": "string", "description": "what went wrong, for a person"},
               "instance": {"type": "string", "format": "uri-reference", "description": "the path that was asked for"},
               "errors": {"type": "array", "items": {"$ref": "#/components/schemas/FieldError"},
                          "description": "each bad field of the request, when the problem is about fields"}
             }}
            """;

    private static final String FIELD_ERROR_JSON = """
            {"type": "object",
             "required": ["field", "message"],
             "properties": {
               "field": {"type": "string", "description": "the field, parameter or part, as the request names it"},
               "message": {"type": "string"}
             }}
            """;

    private ProblemSchemas() {
    }

    static Map<String, Schema<?>> components() {
        return Map.of(PROBLEM, parse(PROBLEM_JSON), FIELD_ERROR, parse(FIELD_ERROR_JSON));
    }

    static ApiResponse response(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(MEDIA_TYPE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    static Schema<?> parse(String json) {
        try {
            return Json31.mapper().readValue(json, Schema.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a schema of the document does not parse", e);
        }
    }
}
