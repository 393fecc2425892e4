package dev.teammate.tickets;

import dev.teammate.jira.JiraAccounts;

import java.util.List;

/**
 * What a new ticket gets unless a person changes it in its file: the Jira project and issue type, labels, and the
 * owner-to-account mapping for the assignee.
 *
 * @param autoCreate true when proposals skip review and go straight to approved ({@code teammate.jira.auto-create})
 */
public record TicketDefaults(String project, String issueType, List<String> labels, JiraAccounts accounts,
                             boolean autoCreate) {

    public TicketDefaults {
        labels = List.copyOf(labels);
        for (String label : labels) {
            if (label.isBlank() || label.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("teammate.jira.labels: Jira labels cannot hold spaces, got '"
                        + label + "'");
            }
        }
    }
}
