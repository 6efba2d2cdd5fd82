package org.gallery.web;

import java.util.List;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.storage.StorageUnavailableException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every error into an RFC 9457 problem body; bad input never becomes a 500. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
        }
        ResponseEntity<ProblemDetail> answer = problem(problem);
        if (e.headers().isEmpty()) {
            return answer;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(answer.getHeaders());
        e.headers().forEach(headers::set);
        return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() != null ? e.getRequiredType().getSimpleName() : "another type";
        String message = "'" + e.getValue() + "' is not a valid " + ("UUID".equals(expected) ? "id (UUID)" : expected);
        return api(ApiException.invalidField(e.getName(), message));
    }

    /**
     * A stored original that cannot be decoded (damaged on disk, or taken in by a migration that could not check
     * it): the request is fine, the image is not, and the problem says so instead of an internal error.
     */
    @ExceptionHandler(ImageRejectedException.class)
    ResponseEntity<ProblemDetail> undecodable(ImageRejectedException e) {
        log.warn("A stored image cannot be used: {}", e.getMessage());
        String detail = switch (e.reason()) {
            case UNSUPPORTED_TYPE -> "The imaging engine of this server cannot read this image: ";
            case TOO_MANY_PIXELS -> "The stored image is larger than this server accepts: ";
            case CORRUPT, EMPTY -> "The stored image cannot be decoded: ";
        };
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail + e.getMessage()));
    }

    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(org.springframework.web.multipart.MultipartException e) {
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The multipart body cannot be parsed: " + e.getMostSpecificCause().getMessage()));
    }

    /**
     * A write that lost a race the code did not foresee, caught by a constraint: a unique key means another request
     * stored the same thing first (409); a foreign key means what the row belongs to was deleted meanwhile (404).
     * Any other violation is a bug and stays a 500. Spring translates PostgreSQL's errors; SQLite's reach here as
     * jOOQ's own exception, since Spring knows none of SQLite's error codes.
     */
    @ExceptionHandler({DataIntegrityViolationException.class, IntegrityConstraintViolationException.class})
    ResponseEntity<ProblemDetail> integrity(RuntimeException e) {
        if (e instanceof DuplicateKeyException || causedBy(e, "23505", "UNIQUE constraint failed")) {
            log.warn("A write lost a race to a concurrent one: {}", e.getMessage());
            return api(ApiException.conflict("A concurrent request stored the same thing first; reload and try again"));
        }
        if (causedBy(e, "23503", "FOREIGN KEY constraint failed")) {
            log.warn("A write lost a race to a delete: {}", e.getMessage());
            return api(new ApiException(HttpStatus.NOT_FOUND, "What this change belongs to was deleted meanwhile"));
        }
        return unexpected(e);
    }

    /** Deadlock victims, lock timeouts, SQLite still busy after its timeout: transient, so the client may retry. */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> concurrency(RuntimeException e) {
        log.warn("A write gave way to a concurrent one: {}", e.getMessage());
        return temporarilyUnavailable(1, "The change collided with a concurrent one and was undone; try again");
    }

    @ExceptionHandler(org.jooq.exception.DataAccessException.class)
    ResponseEntity<ProblemDetail> database(org.jooq.exception.DataAccessException e) {
        if (causedBy(e, null, "SQLITE_BUSY")) {
            return concurrency(e);
        }
        return unreachable(e) ? unavailable(e) : unexpected(e);
    }

    /**
     * No connection to be had: the database is down or restarting, or every pooled connection stayed busy past the
     * pool's timeout. Nothing was written, and the same request can succeed a moment later.
     */
    @ExceptionHandler({org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.dao.DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("The database could not be reached: {}", e.getMessage());
        // a commit whose connection died may or may not have been applied: the client should look before retrying
        String detail = e instanceof org.springframework.transaction.TransactionSystemException
                ? "The connection to the database was lost while the change was being saved; check whether it was, "
                        + "and try again shortly"
                : "The database cannot be reached right now; nothing was changed, try again shortly";
        return temporarilyUnavailable(5, detail);
    }

    private static boolean unreachable(Throwable e) {
        // a failed rollback keeps the failure that caused it aside: the lost connection is often only there
        if (e instanceof org.springframework.transaction.TransactionSystemException rollback
                && rollback.getApplicationException() != null && unreachable(rollback.getApplicationException())) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            // 08: connection exceptions; 57P01-57P03: the server is shutting down, crashed, or not yet accepting
            // "Connection is closed": the pool's answer, without a state, for a connection the server already ended
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.net.ConnectException
                    || (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")))
                    || (t instanceof java.sql.SQLException closed && closed.getSQLState() == null
                            && String.valueOf(closed.getMessage()).startsWith("Connection is closed"))) {
                return true;
            }
        }
        return false;
    }

    /** True when an SQLException in the causes has this SQLSTATE (PostgreSQL) or words in its message (SQLite). */
    private static boolean causedBy(Throwable e, String sqlState, String words) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ((sqlState != null && sqlState.equals(sql.getSQLState()))
                    || String.valueOf(sql.getMessage()).contains(words))) {
                return true;
            }
        }
        return false;
    }

    /** The file storage (a bucket) cannot be reached or refuses us: like a database that is down, it passes. */
    @ExceptionHandler(StorageUnavailableException.class)
    ResponseEntity<ProblemDetail> storageUnavailable(StorageUnavailableException e) {
        log.warn("{}", e.getMessage());
        return temporarilyUnavailable(5, "The file storage cannot be reached right now; try again shortly");
    }

    /**
     * Anything else, unless what it wraps is temporary: an unreachable bucket, or a lost database connection (a
     * commit or rollback on a connection the server closed arrives as a TransactionSystemException).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof StorageUnavailableException storage) {
                return storageUnavailable(storage);
            }
        }
        if (e instanceof RuntimeException runtime && unreachable(e)) {
            return unavailable(runtime);
        }
        log.error("Unexpected error", e);
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error; the server log has the details"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiException.FieldError(snake(f.getField()), f.getDefaultMessage()))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid request: " + errors.stream().map(f -> f.field() + " " + f.message()).toList());
        problem.setProperty("errors", errors);
        return asObject(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new ApiException.FieldError(r.getMethodParameter().getParameterName(),
                                err.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid request: " + errors.stream().map(f -> f.field() + " " + f.message()).toList());
        problem.setProperty("errors", errors);
        return asObject(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            org.springframework.web.multipart.MaxUploadSizeExceededException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        long mb = e.getMaxUploadSize() / (1024 * 1024);
        return asObject(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The upload is larger than the " + mb + " MB that MAX_UPLOAD_MB allows"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String cause = e.getMostSpecificCause().getMessage();
        if (cause != null) {
            cause = cause.lines().findFirst().orElse(cause);
        }
        return asObject(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON for this endpoint: " + cause));
    }

    /** A 503 that passes: the client may send the same request again after {@code retryAfterSeconds}. */
    private static ResponseEntity<ProblemDetail> temporarilyUnavailable(int retryAfterSeconds, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> asObject(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
