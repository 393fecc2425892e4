package dev.teammate.tickets;

import java.util.Locale;

/** Where a ticket stands; each state is a folder under the tickets folder, and moving a file changes its state. */
public enum TicketState {
    /** Proposed, waiting for a person to review (and perhaps edit) it. */
    PENDING,
    /** Approved: the hub creates the issue in Jira, and keeps trying while Jira cannot be reached. */
    APPROVED,
    /** The issue exists in Jira; its key and address are written in the file. */
    CREATED,
    /** Jira refused the issue; {@code <name>.error.txt} beside the file says why. */
    REJECTED;

    public String folderName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
