package dev.teammate.jira;

import java.util.List;

/**
 * An issue as the hub asks Jira to create it, before it is written in Jira's JSON.
 *
 * @param description  plain text or light Markdown; becomes Atlassian Document Format (see {@link AdfDescription})
 * @param labels       every label to set, the stable label included
 * @param stableLabel  the label that identifies this ticket in Jira, found by a JQL search before creating
 * @param accountId    the assignee's Atlassian account id, or {@code null} to leave the issue unassigned
 * @param dueDate      an ISO date ({@code 2026-12-10}), or {@code null}
 * @param sourceLink   where the ticket came from, or {@code null}
 * @param sourceTime   when in the source, such as {@code 00:41:07} in a recording, or {@code null}
 * @param proposedAt   when the hub proposed the ticket, as written in its file, or {@code null}
 */
public record IssueDraft(
        String project,
        String issueType,
        String summary,
        String description,
        List<String> labels,
        String stableLabel,
        String accountId,
        String dueDate,
        String sourceTitle,
        String sourceLink,
        String sourceTime,
        String proposedAt) {

    public IssueDraft {
        labels = List.copyOf(labels);
    }
}
