package dev.teammate.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Jira's replies after the {@code http} endpoints (called with {@code throwExceptionOnFailure=false}) and
 * decides on the status: a success sets the exchange properties below; a failure becomes the {@link JiraException}
 * that says what to do about it (400 rejected, 401/403 credentials, 429 rate limit, anything else unavailable).
 */
public class JiraReplies {

    /** Exchange property: the key of the issue found or created ({@code TEAM-42}). */
    public static final String ISSUE_KEY = "teammateJiraKey";
    /** Exchange property: true when the issue was found by its stable label rather than created now. */
    public static final String FOUND = "teammateJiraFound";

    private static final Logger LOG = LoggerFactory.getLogger(JiraReplies.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JiraConnection jira;

    public JiraReplies(JiraConnection jira) {
        this.jira = jira;
    }

    /** After the label search: sets {@value #ISSUE_KEY} when an issue already carries the label. */
    public void foundIssue(Exchange exchange) {
        JsonNode reply = check(exchange, "the search for the ticket's label (POST /rest/api/3/search/jql)");
        JsonNode issues = reply.path("issues");
        if (!issues.isArray()) {
            throw new JiraUnavailableException(200, "Jira's search reply holds no issues list");
        }
        if (issues.isEmpty()) {
            exchange.removeProperty(ISSUE_KEY);
            exchange.setProperty(FOUND, false);
            return;
        }
        exchange.setProperty(ISSUE_KEY, text(issues.get(0), "key", "search"));
        exchange.setProperty(FOUND, true);
    }

    /** After creating: sets {@value #ISSUE_KEY} to the new issue's key. */
    public void createdIssue(Exchange exchange) {
        JsonNode reply = check(exchange, "creating the issue (POST /rest/api/3/issue)");
        exchange.setProperty(ISSUE_KEY, text(reply, "key", "create"));
        exchange.setProperty(FOUND, false);
    }

    /** After the start-up check: says who the hub is signed in as, or why it is not. Never throws. */
    public void signedIn(Exchange exchange) {
        try {
            JsonNode me = check(exchange, "the credential check (GET /rest/api/3/myself)");
            LOG.info("Jira at {} accepts the hub's credentials: signed in as {}", jira,
                    me.path("displayName").asText(me.path("accountId").asText("?")));
        } catch (JiraException e) {
            LOG.warn("{}; tickets wait in the approved folder until this works", e.getMessage());
        }
    }

    private JsonNode check(Exchange exchange, String call) {
        Message message = exchange.getMessage();
        // Out of reach of anything that logs headers from here on.
        message.removeHeader("Authorization");
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        if (status >= 200 && status < 300) {
            try {
                return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            } catch (JsonProcessingException e) {
                throw new JiraUnavailableException(status, "Jira's reply to " + call + " is not JSON");
            }
        }
        if (status == 400 || status == 422) {
            throw rejected(status, call, body);
        }
        if (status == 401 || status == 403) {
            throw new JiraAuthException(status, call, jira.credentialHint());
        }
        if (status == 429) {
            throw new JiraRateLimitedException(call, retryAfter(message.getHeader("Retry-After", String.class)));
        }
        if (status == 404) {
            throw new JiraUnavailableException(status, "Jira answered 404 to " + call
                    + ": is teammate.jira.base-url the site's address (" + jira.baseUrl() + ")?");
        }
        throw new JiraUnavailableException(status, "Jira answered " + status + " to " + call);
    }

    private static JiraRejectedException rejected(int status, String call, String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> messages = new ArrayList<>();
        try {
            JsonNode errors = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            errors.path("errors").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            errors.path("errorMessages").forEach(m -> messages.add(m.asText()));
        } catch (JsonProcessingException e) {
            messages.add("(the reply was not Jira's error JSON)");
        }
        return new JiraRejectedException(status, call, fields, messages);
    }

    private static String text(JsonNode node, String field, String call) {
        String value = node.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new JiraUnavailableException(200, "Jira's " + call + " reply has no " + field);
        }
        return value;
    }

    /** {@code Retry-After} is seconds, or an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), when);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
