package dev.teammate.jira;

import java.time.Duration;

/**
 * Jira answered 429: too many requests. Atlassian asks clients to wait the {@code Retry-After} it names before
 * trying again (asking earlier only earns a longer wait), so that time travels with the exception.
 */
public class JiraRateLimitedException extends JiraException {

    private final Duration retryAfter;

    /** @param retryAfter the wait Jira named, or {@code null} when it named none */
    public JiraRateLimitedException(String call, Duration retryAfter) {
        super(429, "Jira rate-limited " + call + " (429)" + (retryAfter == null ? ", without naming a wait"
                : ", asking to wait " + retryAfter.toSeconds() + " s"));
        this.retryAfter = retryAfter;
    }

    /** The wait Jira asked for, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
