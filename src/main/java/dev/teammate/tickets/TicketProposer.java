package dev.teammate.tickets;

import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code direct:propose-ticket}: writes a {@link TicketProposal} as a pending ticket file for a person to review, or
 * straight into the approved folder when {@code teammate.jira.auto-create} is on.
 *
 * <p>A proposal whose id already has a file in any of the ticket folders, or whose issue the ledger records as
 * created, is left alone: summarizing a meeting again must not bring back tickets that were already reviewed,
 * edited, created or dropped after creation.
 */
public class TicketProposer {

    private static final Logger LOG = LoggerFactory.getLogger(TicketProposer.class);
    private static final int MAX_SUMMARY = 255;

    private final TicketFolders folders;
    private final Ledger ledger;
    private final TicketDefaults defaults;
    private final Clock clock;

    public TicketProposer(TicketFolders folders, Ledger ledger, TicketDefaults defaults, Clock clock) {
        this.folders = folders;
        this.ledger = ledger;
        this.defaults = defaults;
        this.clock = clock;
    }

    // Synchronized so that two proposals with the same key cannot both see "no file yet".
    public synchronized void propose(Exchange exchange) throws IOException, InvalidPayloadException {
        TicketProposal proposal = exchange.getMessage().getMandatoryBody(TicketProposal.class);
        if (proposal.key() == null || proposal.key().isBlank()) {
            throw new IllegalArgumentException("a ticket proposal needs a key naming its origin");
        }
        if (proposal.summary() == null || proposal.summary().isBlank()) {
            throw new IllegalArgumentException("the ticket proposal " + proposal.key() + " has no summary");
        }
        String id = TicketIds.id(proposal.key());
        var existing = folders.find(id);
        if (existing.isPresent()) {
            LOG.debug("Ticket {} is already {} ({}); not proposed again", id,
                    existing.get().state().folderName(), existing.get().file().getFileName());
            return;
        }
        boolean created = ledger.find(TicketIds.ledgerItem(id)).filter(e -> e.status() == ItemStatus.INDEXED)
                .isPresent();
        if (created) {
            LOG.debug("Ticket {} was created in Jira before; not proposed again", id);
            return;
        }

        Ticket ticket = ticket(id, proposal);
        TicketState state = defaults.autoCreate() ? TicketState.APPROVED : TicketState.PENDING;
        Path file = folders.write(state, ticket);
        if (defaults.autoCreate()) {
            LOG.info("Ticket {} approved without review (teammate.jira.auto-create): {}", file.getFileName(),
                    ticket.summary());
        } else {
            LOG.info("Ticket proposed for review: {} ({}); approve it by moving it to {}", file.getFileName(),
                    ticket.summary(), folders.folder(TicketState.APPROVED));
        }
    }

    private Ticket ticket(String id, TicketProposal proposal) {
        String summary = proposal.summary().strip().replaceAll("\\s+", " ");
        if (summary.length() > MAX_SUMMARY) {
            // Jira refuses summaries over 255 characters; the whole text stays in the description.
            summary = summary.substring(0, MAX_SUMMARY - 3).strip() + "...";
        }
        String description = proposal.description() == null ? "" : proposal.description().strip();
        if (!summary.equals(proposal.summary().strip()) && !description.contains(proposal.summary().strip())) {
            description = proposal.summary().strip() + (description.isEmpty() ? "" : "\n\n" + description);
        }
        return new Ticket(id, proposal.key(), defaults.project(), defaults.issueType(), summary, defaults.labels(),
                blankToNull(proposal.owner()), defaults.accounts().accountId(proposal.owner()),
                blankToNull(proposal.due()), blankToNull(proposal.sourceTitle()), blankToNull(proposal.sourceLink()),
                blankToNull(proposal.sourceTime()), Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
                null, null, null, description);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
