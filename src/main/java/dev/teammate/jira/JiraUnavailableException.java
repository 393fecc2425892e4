package dev.teammate.jira;

/**
 * Jira answered with a server error (5xx) or with something the hub cannot use (a 404 from a wrong base URL, a
 * reply that is not the JSON the API describes). Worth trying again later; the ticket is kept.
 */
public class JiraUnavailableException extends JiraException {

    public JiraUnavailableException(int status, String message) {
        super(status, message);
    }
}
