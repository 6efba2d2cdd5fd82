package org.gallery.search.embedding;

/** The model could not make a vector: the remote server refused or failed, or the model files are unusable. */
public class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
