package dev.teammate.jira;

/** A call to Jira that did not give what was asked for; the subclasses say how the hub should react. */
public abstract class JiraException extends RuntimeException {

    private final int status;

    protected JiraException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status Jira answered with, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
