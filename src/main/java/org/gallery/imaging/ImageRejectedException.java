package org.gallery.imaging;

/** The file is not an image Gallery can take; {@link Reason} says which answer the client gets. */
public class ImageRejectedException extends RuntimeException {

    public enum Reason { UNSUPPORTED_TYPE, CORRUPT, TOO_MANY_PIXELS, EMPTY }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
