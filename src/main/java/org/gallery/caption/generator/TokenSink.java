package org.gallery.caption.generator;

/**
 * Receives the caption's text as the backend produces it. Throwing from {@link #accept} (say, because the client went
 * away) stops the generation and cancels the request to the backend.
 */
@FunctionalInterface
public interface TokenSink {

    /** Called on the generating thread with each new piece of text, in order; the pieces concatenated are the caption. */
    void accept(String textDelta);
}
