package org.gallery.storage;

/** The store cannot be reached or refuses us (network, credentials, missing bucket): the service answers 503. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
