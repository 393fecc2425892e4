package dev.teammate.drive;

/**
 * Drive answered a call with a client error a retry cannot fix (404 not found, 403 not downloadable or too large
 * to export, 400). About one file's content it concerns that file only: a file gone since it was listed is removed,
 * another refusal is recorded against the file. About a listing it ends the run like any other failure.
 */
public class DriveRefusedException extends DriveUnavailableException {

    private final int status;

    public DriveRefusedException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
