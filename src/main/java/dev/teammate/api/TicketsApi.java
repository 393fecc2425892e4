package dev.teammate.api;

import dev.teammate.jira.JiraConnection;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.tickets.Ticket;
import dev.teammate.tickets.TicketFile;
import dev.teammate.tickets.TicketFolders;
import dev.teammate.tickets.TicketFolders.Located;
import dev.teammate.tickets.TicketFormatException;
import dev.teammate.tickets.TicketIds;
import dev.teammate.tickets.TicketState;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/tickets}: the review folder over HTTP. {@code GET /api/tickets} (optionally {@code ?state=pending})
 * lists the tickets with their state, and {@code POST /api/tickets/{id}/approve} does what moving the file to the
 * approved folder does. Approving is safe to repeat: an approved ticket stays approved, a created one answers 409
 * with its Jira key, and neither makes a second issue. Approving a rejected ticket tries it again.
 */
public class TicketsApi {

    private static final Logger LOG = LoggerFactory.getLogger(TicketsApi.class);

    private final TicketFolders folders;
    private final Ledger ledger;
    private final JiraConnection jira;

    public TicketsApi(TicketFolders folders, Ledger ledger, JiraConnection jira) {
        this.folders = folders;
        this.ledger = ledger;
        this.jira = jira;
    }

    public void list(Exchange exchange) {
        TicketState only = Params.choice(exchange.getMessage(), "state", TicketState.class, null);
        List<Map<String, Object>> tickets = new ArrayList<>();
        for (Located located : folders.all()) {
            if (only == null || located.state() == only) {
                tickets.add(describe(located));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jira", jira.enabled() ? jira.baseUrl() : "off");
        body.put("folder", folders.root().toString());
        body.put("tickets", tickets);
        ApiResponses.reply(exchange, 200, body);
    }

    public void approve(Exchange exchange) throws IOException {
        String id = Params.text(exchange.getMessage(), "id");
        if (id == null) {
            throw ApiException.badRequest("a ticket id is required");
        }
        if (!jira.enabled()) {
            throw new ApiException(409, "Jira is off: set teammate.jira.base-url to create tickets");
        }
        Located located = folders.find(id).orElseThrow(() -> ApiException.notFound("no ticket " + id));
        switch (located.state()) {
            case PENDING -> {
                Path moved = folders.move(located.file(), TicketState.APPROVED);
                LOG.info("Ticket {} approved through the API", moved.getFileName());
                ApiResponses.reply(exchange, 200, describe(new Located(id, TicketState.APPROVED, moved)));
            }
            case REJECTED -> {
                Path moved = folders.move(located.file(), TicketState.APPROVED);
                Files.deleteIfExists(folders.reasonFile(moved.getFileName().toString()));
                LOG.info("Rejected ticket {} approved again through the API; trying it again", moved.getFileName());
                ApiResponses.reply(exchange, 200, describe(new Located(id, TicketState.APPROVED, moved)));
            }
            case APPROVED -> ApiResponses.reply(exchange, 200, describe(located));
            case CREATED -> {
                Map<String, Object> body = describe(located);
                body.put("error", "ticket " + id + " is already created in Jira as " + body.get("jira_key"));
                ApiResponses.reply(exchange, 409, body);
            }
            default -> throw new IllegalStateException("unknown ticket state " + located.state());
        }
    }

    private Map<String, Object> describe(Located located) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("id", located.id());
        ticket.put("state", located.state().name().toLowerCase(Locale.ROOT));
        ticket.put("file", located.file().getFileName().toString());
        try {
            Ticket read = TicketFile.read(located.file());
            ticket.put("summary", read.summary());
            ticket.put("project", read.project());
            ticket.put("type", read.type());
            ticket.put("owner", read.owner());
            ticket.put("source", read.sourceTitle());
            if (read.jiraKey() != null) {
                ticket.put("jira_key", read.jiraKey());
                ticket.put("jira_url", read.jiraUrl());
            }
        } catch (TicketFormatException e) {
            ticket.put("problem", e.getMessage());
        } catch (IOException e) {
            // Moved by a person or the hub while being read; the state shown may be a moment old.
            ticket.put("problem", "could not be read: " + e.getMessage());
        }
        String reason = reason(located);
        if (reason != null) {
            ticket.put("reason", reason);
        }
        return ticket;
    }

    /** Why a ticket is rejected (its reason file) or waits (its ledger entry). */
    private String reason(Located located) {
        if (located.state() == TicketState.REJECTED) {
            Path file = folders.reasonFile(located.file().getFileName().toString());
            try {
                return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
            } catch (IOException e) {
                return null;
            }
        }
        if (located.state() == TicketState.APPROVED) {
            return ledger.find(TicketIds.ledgerItem(located.id())).filter(e -> e.status() == ItemStatus.WAITING)
                    .map(LedgerEntry::reason).orElse(null);
        }
        return null;
    }
}
