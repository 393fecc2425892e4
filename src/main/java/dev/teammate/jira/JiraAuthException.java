package dev.teammate.jira;

/**
 * Jira did not accept the hub's credentials (401) or does not let that account do this (403). Nothing is wrong
 * with the ticket; it waits until the credentials are fixed. The message names the settings to look at.
 */
public class JiraAuthException extends JiraException {

    public JiraAuthException(int status, String call, String credentialHint) {
        super(status, (status == 403 ? "Jira does not allow " + call + " to this account (403)"
                : "Jira did not accept the credentials for " + call + " (401)") + ": " + credentialHint);
    }
}
