package org.gallery.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A request Gallery refuses, answered as an RFC 9457 problem with this status and detail. */
public class ApiException extends RuntimeException {

    public record FieldError(String field, String message) {
    }

    private final HttpStatus status;
    private final List<FieldError> errors;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = errors;
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** A header the answer carries besides the problem body, e.g. {@code Retry-After}. */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, field + ": " + message, List.of(new FieldError(field, message)));
    }
}
