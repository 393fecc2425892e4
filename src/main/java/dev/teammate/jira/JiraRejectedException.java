package dev.teammate.jira;

import java.util.List;
import java.util.Map;

/**
 * Jira refused the request itself (400): a field is missing or invalid. Sending it again unchanged cannot work, so
 * the ticket goes to a person with Jira's own words: {@code errors} per field and the general {@code errorMessages}.
 */
public class JiraRejectedException extends JiraException {

    private final Map<String, String> fieldErrors;
    private final List<String> messages;

    public JiraRejectedException(int status, String call, Map<String, String> fieldErrors, List<String> messages) {
        super(status, describe(status, call, fieldErrors, messages));
        this.fieldErrors = Map.copyOf(fieldErrors);
        this.messages = List.copyOf(messages);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    public List<String> messages() {
        return messages;
    }

    private static String describe(int status, String call, Map<String, String> fieldErrors, List<String> messages) {
        StringBuilder text = new StringBuilder("Jira refused ").append(call).append(" (").append(status).append(')');
        String separator = ": ";
        for (Map.Entry<String, String> error : fieldErrors.entrySet()) {
            text.append(separator).append(error.getKey()).append(": ").append(error.getValue());
            separator = "; ";
        }
        for (String message : messages) {
            text.append(separator).append(message);
            separator = "; ";
        }
        return text.toString();
    }
}
