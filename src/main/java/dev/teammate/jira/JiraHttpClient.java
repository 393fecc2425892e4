package dev.teammate.jira;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * The HTTP client set-up of the Jira endpoints ({@code httpClientConfigurer=#jiraHttpClient}): Apache HttpClient's
 * own retries are turned off. Left on, it silently sends a request again after a 429 or 503, the create call
 * included, so a 503 that came after Jira had created the issue would create it twice, and the wait would hold the
 * poller. The hub decides on retries itself, where it can search for the ticket's label first.
 */
public class JiraHttpClient implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
    }
}
