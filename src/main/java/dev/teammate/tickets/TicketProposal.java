package dev.teammate.tickets;

/**
 * Something that should become a Jira issue once a person agrees: a verified action item, a drafted ticket. Sent as
 * the body to {@code direct:propose-ticket}.
 *
 * @param key         a stable string naming where the proposal comes from, such as
 *                    {@code summary:file:standup.vtt#fix the retry budget}; the same key always gives the same
 *                    ticket id and Jira label, which is what keeps a ticket from being proposed or created twice
 * @param summary     the one-line title
 * @param description plain text or light Markdown
 * @param owner       who should do it, as people name them, or {@code null}
 * @param due         when it is due, as said (an ISO date becomes Jira's due date), or {@code null}
 * @param sourceTitle what the source is called (a meeting's title)
 * @param sourceLink  where a person opens the source, or {@code null}
 * @param sourceTime  when in the source (a time in a recording) or when it happened, or {@code null}
 */
public record TicketProposal(String key, String summary, String description, String owner, String due,
                             String sourceTitle, String sourceLink, String sourceTime) {
}
