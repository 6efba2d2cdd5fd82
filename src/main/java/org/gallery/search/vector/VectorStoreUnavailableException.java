package org.gallery.search.vector;

/**
 * A vector store on another server cannot be reached or refuses us right now: the search that needed it answers
 * 503, and the database (the source of truth) is untouched.
 */
public class VectorStoreUnavailableException extends RuntimeException {

    public VectorStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
