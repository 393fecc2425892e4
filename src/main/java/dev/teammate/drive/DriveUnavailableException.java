package dev.teammate.drive;

/**
 * A Drive call failed in a way that ends the whole sync run: Drive stayed unreachable or failing after the retries,
 * refused the credentials, or answered with an error a retry cannot fix. The run then saves no cursor, so the next
 * one starts again from the last saved point. The message says which call failed and why, without secrets.
 */
public class DriveUnavailableException extends RuntimeException {

    public DriveUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
