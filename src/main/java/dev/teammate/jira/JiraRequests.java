package dev.teammate.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Prepares the HTTP requests the {@code http} endpoints in {@code routes/tickets.yaml} send to Jira REST v3: the JSON
 * body, the method and exactly the headers Jira needs. Every other header is removed first, because camel-http sends
 * a message's headers along as HTTP headers and the hub's own must not leak to Jira.
 *
 * <p>The issue to work on is the exchange property {@value #ISSUE}, an {@link IssueDraft}.
 */
public class JiraRequests {

    /** Exchange property holding the {@link IssueDraft}. */
    public static final String ISSUE = "teammateJiraIssue";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JiraConnection jira;

    public JiraRequests(JiraConnection jira) {
        this.jira = jira;
    }

    /** Whether Jira is configured (a base URL is set); when not, the ticket routes do nothing. */
    public boolean enabled() {
        return jira.enabled();
    }

    /**
     * A JQL search for issues carrying the draft's stable label ({@code POST /rest/api/3/search/jql}, the enhanced
     * search; the older {@code /rest/api/3/search} is being removed). One match is enough to know the ticket exists.
     */
    public void findByLabel(Exchange exchange) {
        IssueDraft draft = exchange.getProperty(ISSUE, IssueDraft.class);
        ObjectNode body = JSON.createObjectNode();
        body.put("jql", "labels = \"" + draft.stableLabel() + "\" ORDER BY created ASC");
        body.put("maxResults", 1);
        body.putArray("fields").add("summary").add("labels");
        prepare(exchange.getMessage(), "POST", body);
    }

    /** {@code POST /rest/api/3/issue} with the draft's fields; the description in Atlassian Document Format. */
    public void createIssue(Exchange exchange) {
        IssueDraft draft = exchange.getProperty(ISSUE, IssueDraft.class);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode fields = body.putObject("fields");
        fields.putObject("project").put("key", draft.project());
        fields.putObject("issuetype").put("name", draft.issueType());
        fields.put("summary", draft.summary());
        fields.set("description", AdfDescription.of(draft));
        draft.labels().forEach(fields.putArray("labels")::add);
        if (draft.accountId() != null) {
            fields.putObject("assignee").put("accountId", draft.accountId());
        }
        if (draft.dueDate() != null) {
            fields.put("duedate", draft.dueDate());
        }
        prepare(exchange.getMessage(), "POST", body);
    }

    /** {@code GET /rest/api/3/myself}: who the credentials belong to; the start-up check. */
    public void myself(Exchange exchange) {
        prepare(exchange.getMessage(), "GET", null);
    }

    private void prepare(Message message, String method, ObjectNode body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader("Accept", "application/json");
        if (jira.authorization() != null) {
            message.setHeader("Authorization", jira.authorization());
        }
        if (body == null) {
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Jira request as JSON", e);
        }
    }
}
