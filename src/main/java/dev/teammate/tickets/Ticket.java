package dev.teammate.tickets;

import java.util.List;

/**
 * A ticket as its file holds it (see {@link TicketFile}). A person may edit any field but the id before approving.
 *
 * @param id        stable id from the proposal's key ({@link TicketIds}); the Jira label {@code teammate-<id>}
 * @param origin    the proposal's key, kept for people and for re-proposals
 * @param labels    the labels to set besides the stable one
 * @param assignee  an Atlassian account id; when empty the owner is looked up in {@code teammate.jira.accounts}
 * @param due       as said; only an ISO date ({@code 2026-12-10}) is sent to Jira as the due date
 * @param proposed  when the hub proposed the ticket (ISO-8601)
 * @param jiraKey   the key once created, else {@code null}
 * @param jiraUrl   where to open the issue once created, else {@code null}
 * @param created   when the issue was recorded as created (ISO-8601), else {@code null}
 */
public record Ticket(
        String id,
        String origin,
        String project,
        String type,
        String summary,
        List<String> labels,
        String owner,
        String assignee,
        String due,
        String sourceTitle,
        String sourceLink,
        String sourceTime,
        String proposed,
        String jiraKey,
        String jiraUrl,
        String created,
        String description) {

    public Ticket {
        labels = List.copyOf(labels);
    }

    public Ticket withJira(String key, String url, String when) {
        return new Ticket(id, origin, project, type, summary, labels, owner, assignee, due, sourceTitle, sourceLink,
                sourceTime, proposed, key, url, when, description);
    }
}
