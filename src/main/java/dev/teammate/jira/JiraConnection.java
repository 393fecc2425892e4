package dev.teammate.jira;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where Jira is and how the hub proves who it is. Jira Cloud takes Basic auth with an Atlassian account's email and
 * an API token; Jira Data Center takes a personal access token as a Bearer token. Both come from the environment.
 *
 * <p>The {@code Authorization} value is a secret: it is only ever put on the HTTP request, and {@link #toString()}
 * leaves it out so that the connection can be logged.
 */
public final class JiraConnection {

    /** Environment variables the shipped {@code application.properties} reads the credentials from. */
    public static final String EMAIL_ENV = "TEAMMATE_JIRA_EMAIL";
    public static final String TOKEN_ENV = "TEAMMATE_JIRA_API_TOKEN";
    public static final String PAT_ENV = "TEAMMATE_JIRA_PAT";

    private final String baseUrl;
    private final String authorization;
    private final String scheme;
    private final String credentialHint;

    private JiraConnection(String baseUrl, String authorization, String scheme, String credentialHint) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.scheme = scheme;
        this.credentialHint = credentialHint;
    }

    /**
     * @param baseUrl  the site, such as {@code https://example.atlassian.net}; {@code null} or blank turns Jira off
     * @param pat      a personal access token (Data Center); wins over email and token when set
     */
    public static JiraConnection of(String baseUrl, String email, String apiToken, String pat) {
        if (blank(baseUrl)) {
            return new JiraConnection(null, null, "off", "Jira is off (teammate.jira.base-url is empty)");
        }
        String url = baseUrl.strip();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("teammate.jira.base-url must start with https:// (or http://), was '"
                    + url + "'");
        }
        // The routes append the API paths to the setting as it is, where ops can read them.
        if (url.endsWith("/")) {
            throw new IllegalArgumentException("teammate.jira.base-url must not end with '/', was '" + url + "'");
        }
        if (!blank(pat)) {
            return new JiraConnection(url, "Bearer " + pat.strip(), "Bearer",
                    "check the personal access token in " + PAT_ENV + " (teammate.jira.pat)");
        }
        if (!blank(email) && !blank(apiToken)) {
            String pair = email.strip() + ":" + apiToken.strip();
            return new JiraConnection(url, "Basic " + Base64.getEncoder().encodeToString(
                    pair.getBytes(StandardCharsets.UTF_8)), "Basic",
                    "check " + EMAIL_ENV + " and the API token in " + TOKEN_ENV
                            + " (teammate.jira.email, teammate.jira.api-token)");
        }
        return new JiraConnection(url, null, "none", "no credentials are set: set " + EMAIL_ENV + " and " + TOKEN_ENV
                + " (Jira Cloud), or " + PAT_ENV + " (Jira Data Center)");
    }

    public boolean enabled() {
        return baseUrl != null;
    }

    /** The site, such as {@code https://example.atlassian.net}, or {@code null} when Jira is off. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The value of the {@code Authorization} header, or {@code null} when no credentials are set. */
    String authorization() {
        return authorization;
    }

    /** Which settings to fix when Jira refuses the credentials, for logs and waiting reasons. */
    public String credentialHint() {
        return credentialHint;
    }

    /** Where a person opens an issue. */
    public String browseUrl(String issueKey) {
        return baseUrl + "/browse/" + issueKey;
    }

    @Override
    public String toString() {
        return enabled() ? baseUrl + " (" + scheme + " auth)" : "Jira off";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
