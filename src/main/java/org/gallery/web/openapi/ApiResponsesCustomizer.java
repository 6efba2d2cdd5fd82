package org.gallery.web.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gallery.web.Page;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.HandlerMethod;

/**
 * Gives each operation every status it really answers: springdoc sees only a 200 with the return type, so the
 * success status, its headers and binary bodies come from {@link Answers}, and the problems every endpoint of a
 * shape answers (400, 404, 415) are added here rather than on each method.
 */
class ApiResponsesCustomizer implements OperationCustomizer {

    private static final Answers DEFAULTS = Defaults.class.getDeclaredMethods()[0].getAnnotation(Answers.class);

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Answers answers = handler.hasMethodAnnotation(Answers.class) ? handler.getMethodAnnotation(Answers.class) : DEFAULTS;
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse generated = responses.remove("200");
        int success = returnsNoBody(handler) ? 204 : answers.value();
        responses.addApiResponse(String.valueOf(success), success(success, generated, answers));
        if (answers.conditional()) {
            responses.get(String.valueOf(success)).addHeaderObject("ETag", header("the version of the body"));
            responses.addApiResponse("304", new ApiResponse()
                    .description("Not Modified: the If-None-Match (or If-Modified-Since) of the request still holds")
                    .addHeaderObject("ETag", header("the version of the body")));
        }
        if (answers.ranges()) {
            responses.addApiResponse("206", new ApiResponse()
                    .description("Partial Content: the requested byte range")
                    .content(binary(answers.binary()))
                    .addHeaderObject("Content-Range", header("the range sent, e.g. bytes 0-99/1234")));
            responses.addApiResponse("416", new ApiResponse()
                    .description("Range Not Satisfiable: the range lies outside the body; the whole body follows")
                    .content(binary(answers.binary()))
                    .addHeaderObject("Content-Range", header("bytes */{length}")));
        }
        for (int status : problems(operation, answers)) {
            responses.addApiResponse(String.valueOf(status), ProblemSchemas.response(reason(status)));
        }
        operation.setResponses(responses);
        describePaging(operation, handler);
        return operation;
    }

    private static ApiResponse success(int status, ApiResponse generated, Answers answers) {
        ApiResponse response = new ApiResponse().description(reason(status));
        if (status == 204) {
            return response;
        }
        response.setContent(answers.binary().length > 0 ? binary(answers.binary())
                : generated != null ? generated.getContent() : null);
        if (status == 201) {
            response.addHeaderObject("Location", header("the URL of what was created").required(true));
        } else if (status == 202) {
            response.addHeaderObject("Location", header("the URL to follow the work at").required(true));
        }
        return response;
    }

    private static Set<Integer> problems(Operation operation, Answers answers) {
        Set<Integer> statuses = new TreeSet<>();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (!parameters.isEmpty() || operation.getRequestBody() != null) {
            statuses.add(400);
        }
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            statuses.add(404);
        }
        if (operation.getRequestBody() != null) {
            statuses.add(415);
        }
        for (int status : answers.problems()) {
            statuses.add(status);
        }
        return statuses;
    }

    /** {@code limit} and {@code cursor} mean the same on every list. */
    private static void describePaging(Operation operation, HandlerMethod handler) {
        if (operation.getParameters() == null || !Page.class.equals(handler.getReturnType().getParameterType())) {
            return;
        }
        for (Parameter p : operation.getParameters()) {
            if ("limit".equals(p.getName())) {
                p.description("how many items a page holds, at most " + Page.MAX_LIMIT);
                p.getSchema().setMinimum(java.math.BigDecimal.ONE);
                p.getSchema().setMaximum(java.math.BigDecimal.valueOf(Page.MAX_LIMIT));
                p.getSchema().setDefault(Page.DEFAULT_LIMIT);
            } else if ("cursor".equals(p.getName())) {
                p.description("the next_cursor of the previous page (opaque); left out for the first page");
            }
        }
    }

    private static boolean returnsNoBody(HandlerMethod handler) {
        ResolvableType type = ResolvableType.forMethodParameter(handler.getReturnType());
        return ResponseEntity.class.equals(type.resolve()) && Void.class.equals(type.getGeneric(0).resolve());
    }

    static Content binary(String[] mediaTypes) {
        Content content = new Content();
        for (String mediaType : mediaTypes) {
            content.addMediaType(mediaType, new MediaType().schema(ProblemSchemas.parse(
                    "{\"type\": \"string\", \"format\": \"binary\"}")));
        }
        return content;
    }

    private static Header header(String description) {
        return new Header().description(description).schema(ProblemSchemas.parse("{\"type\": \"string\"}"));
    }

    static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String phrase = known != null ? known.getReasonPhrase() : String.valueOf(status);
        String why = switch (status) {
            case 400 -> ": a parameter or the body is not valid; errors lists each bad field";
            case 401 -> ": no valid credentials";
            case 403 -> ": the credentials do not allow this";
            case 404 -> ": it does not exist";
            case 409 -> ": it clashes with the current state";
            case 413 -> ": the upload or image is larger than this server accepts";
            case 415 -> ": the body is of a type this endpoint does not take";
            case 422 -> ": the request is well-formed but cannot be applied";
            default -> "";
        };
        return phrase + why;
    }

    private static final class Defaults {
        @Answers
        void method() {
        }
    }
}
