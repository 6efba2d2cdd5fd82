package org.gallery.web.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;

/** Whole-document touches: the problem schemas, the event stream, required fields of answers, guarded routes. */
class DocumentCustomizer implements OpenApiCustomizer {

    /**
     * Problems every operation answers except the {@link #PUBLIC} ones: where authentication is on, 401 and 403.
     * This is the one place that switches them on.
     */
    static final int[] GUARD_PROBLEMS = {401, 403};

    /** Operations anyone may call, as "METHOD path". */
    static final Set<String> PUBLIC = Set.of("GET /api/v2/health", "POST /api/v2/auth/login");

    private static final String SSE = "text/event-stream";

    @Override
    public void customise(OpenAPI openApi) {
        ProblemSchemas.components().forEach(openApi.getComponents()::addSchemas);
        forEachOperation(openApi, (key, operation) -> {
            if (!PUBLIC.contains(key)) {
                for (int status : GUARD_PROBLEMS) {
                    operation.getResponses().addApiResponse(String.valueOf(status),
                            ProblemSchemas.response(ApiResponsesCustomizer.reason(status)));
                }
            }
            operation.getResponses().values().forEach(DocumentCustomizer::describeEventStream);
        });
        requireWhatAnswersAlwaysHave(openApi);
    }

    /** Server-Sent Events are text: the events are told apart by their name. */
    private static void describeEventStream(ApiResponse response) {
        MediaType stream = response.getContent() == null ? null : response.getContent().get(SSE);
        if (stream != null) {
            stream.setSchema(ProblemSchemas.parse("""
                    {"type": "string", "description": "Server-Sent Events: 'token' events, each with the next piece \
                    of text as data, then one 'done' event whose data is the JSON of the application/json answer, or \
                    one 'error' event whose data is a problem body"}"""));
        }
    }

    /**
     * Answers are written with every field, null or not, so each property of a schema an answer uses is required;
     * whether it may be null is its type's business. Request bodies keep their fields optional.
     */
    private static void requireWhatAnswersAlwaysHave(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Deque<Schema<?>> todo = new ArrayDeque<>();
        forEachOperation(openApi, (key, operation) -> operation.getResponses().values().stream()
                .filter(r -> r.getContent() != null)
                .flatMap(r -> r.getContent().values().stream())
                .filter(m -> m.getSchema() != null)
                .forEach(m -> todo.add(m.getSchema())));
        Set<String> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Schema<?> schema = todo.pop();
            if (schema.get$ref() != null) {
                String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
                if (seen.add(name) && schemas.get(name) != null) {
                    todo.add(schemas.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                if (schema.getRequired() == null || schema.getRequired().isEmpty()) {
                    schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
                }
                schema.getProperties().values().forEach(todo::add);
            }
            Stream.of(schema.getAnyOf(), schema.getOneOf(), schema.getAllOf())
                    .filter(Objects::nonNull).forEach(l -> l.forEach(todo::add));
            if (schema.getItems() != null) {
                todo.add(schema.getItems());
            }
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                todo.add(values);
            }
        }
    }

    private static void forEachOperation(OpenAPI openApi, java.util.function.BiConsumer<String, Operation> action) {
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                action.accept(op.getKey() + " " + path.getKey(), op.getValue());
            }
        }
    }
}
