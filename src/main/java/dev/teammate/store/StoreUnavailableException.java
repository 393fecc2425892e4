package dev.teammate.store;

/**
 * The store could not be reached (a Qdrant server stopped or restarting, a network cut): nothing is wrong with the
 * item, so the work is retried once the store answers again rather than failed.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
