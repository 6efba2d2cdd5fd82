package org.gallery.caption.generator;

import org.jspecify.annotations.Nullable;

/** A caption backend failed. The kind tells the web layer which status to answer with. */
public class CaptionBackendException extends RuntimeException {

    public enum Kind {
        /** The backend answered with an error, or with something that is not a caption (502). */
        BACKEND_ERROR,
        /** Nothing answered at the backend's address (503). */
        UNREACHABLE,
        /** The backend, or a free slot for it, did not come within {@code CAPTION_TIMEOUT_SECONDS} (504). */
        TIMEOUT
    }

    private final Kind kind;
    private final String generator;
    private final @Nullable Integer httpStatus;
    private final @Nullable String backendMessage;

    public CaptionBackendException(Kind kind, String generator, String message, @Nullable Integer httpStatus,
            @Nullable String backendMessage, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.generator = generator;
        this.httpStatus = httpStatus;
        this.backendMessage = backendMessage;
    }

    public CaptionBackendException(Kind kind, String generator, String message) {
        this(kind, generator, message, null, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The generator that failed. */
    public String generator() {
        return generator;
    }

    /** The HTTP status the backend answered with, when it answered. */
    public @Nullable Integer httpStatus() {
        return httpStatus;
    }

    /** The backend's own words, e.g. the {@code error.message} of an OpenAI error or Ollama's {@code error}. */
    public @Nullable String backendMessage() {
        return backendMessage;
    }
}
