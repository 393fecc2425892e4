package dev.teammate.tickets;

import dev.teammate.item.Item;
import dev.teammate.jira.IssueDraft;
import dev.teammate.jira.JiraAuthException;
import dev.teammate.jira.JiraConnection;
import dev.teammate.jira.JiraRateLimitedException;
import dev.teammate.jira.JiraRejectedException;
import dev.teammate.jira.JiraReplies;
import dev.teammate.jira.JiraRequests;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.Ledger;
import dev.teammate.ledger.LedgerEntry;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps that turn an approved ticket file into exactly one Jira issue (route {@code ticket-approved}).
 *
 * <p>Exactly one, because: the ledger records each created issue under {@code ticket:<id>}, so a ticket already
 * recorded is only moved to the created folder; before creating, a JQL search looks for the ticket's stable label
 * {@code teammate-<id>}, which covers a hub that stopped between Jira creating the issue and the ledger recording
 * it; the ledger is written before the file moves, so a stop between the two is finished at the next poll.
 *
 * <p>When Jira cannot take the ticket now the file stays in the approved folder and is tried again later: after the
 * {@code Retry-After} Jira names on a 429, after {@code teammate.jira.auth-retry-ms} when the credentials are refused
 * (or at once after a restart with new ones), after {@code teammate.jira.retry-ms} when Jira is down. Meanwhile the
 * ledger entry is WAITING with the reason. When Jira refuses the ticket itself (400) the file moves to the rejected
 * folder with {@code <name>.error.txt} naming Jira's field errors, and the entry is FAILED.
 */
public class TicketCreation {

    /** Exchange property: the {@link Ticket} being created. */
    public static final String TICKET = "teammateTicket";
    /** Exchange property: the ticket's file in the approved folder. */
    public static final String TICKET_FILE = "teammateTicketFile";
    /** Exchange property: what the route does next, {@code create}, {@code recorded} or {@code later}. */
    public static final String STEP = "teammateTicketStep";

    private static final Logger LOG = LoggerFactory.getLogger(TicketCreation.class);

    private final TicketFolders folders;
    private final Ledger ledger;
    private final JiraConnection jira;
    private final TicketDefaults defaults;
    private final Duration retryDelay;
    private final Duration authRetryDelay;
    private final Clock clock;
    // When each waiting ticket may be tried again. In memory on purpose: after a restart everything is tried at
    // once, which is what a person who just fixed the credentials wants.
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();

    public TicketCreation(TicketFolders folders, Ledger ledger, JiraConnection jira, TicketDefaults defaults,
                          Duration retryDelay, Duration authRetryDelay, Clock clock) {
        this.folders = folders;
        this.ledger = ledger;
        this.jira = jira;
        this.defaults = defaults;
        this.retryDelay = retryDelay;
        this.authRetryDelay = authRetryDelay;
        this.clock = clock;
    }

    /** Reads the approved file and decides the next step ({@value #STEP}). */
    public void take(Exchange exchange) throws IOException, InvalidPayloadException {
        Path file = exchange.getMessage().getMandatoryBody(File.class).toPath();
        exchange.setProperty(TICKET_FILE, file);
        Ticket ticket = TicketFile.read(file);
        String idOfName = TicketIds.idOfFile(file.getFileName().toString());
        if (!ticket.id().equals(idOfName)) {
            throw new TicketFormatException(file.getFileName() + ": the header's id " + ticket.id()
                    + " is not the id in the file's name; put back id: " + idOfName);
        }
        exchange.setProperty(TICKET, ticket);

        Optional<LedgerEntry> entry = ledger.find(TicketIds.ledgerItem(ticket.id()));
        if (entry.isPresent() && entry.get().status() == ItemStatus.INDEXED) {
            exchange.setProperty(JiraReplies.ISSUE_KEY, entry.get().version());
            exchange.setProperty(JiraReplies.FOUND, true);
            exchange.setProperty(STEP, "recorded");
            return;
        }
        Instant due = notBefore.get(ticket.id());
        if (due != null && due.isAfter(clock.instant())) {
            exchange.setProperty(STEP, "later");
            return;
        }
        exchange.setProperty(JiraRequests.ISSUE, draft(ticket));
        exchange.setProperty(STEP, "create");
    }

    /** Records the issue (found or created) in the ledger, then moves the file to the created folder. */
    public void created(Exchange exchange) throws IOException {
        Ticket ticket = exchange.getProperty(TICKET, Ticket.class);
        Path file = exchange.getProperty(TICKET_FILE, Path.class);
        String key = exchange.getProperty(JiraReplies.ISSUE_KEY, String.class);
        boolean found = exchange.getProperty(JiraReplies.FOUND, false, Boolean.class);
        String url = jira.browseUrl(key);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);

        ledger.recordIndexed(new Item(TicketIds.ledgerItem(ticket.id()), TicketIds.LEDGER_SOURCE, ticket.summary(),
                url, key, now), List.of());
        notBefore.remove(ticket.id());
        TicketFile.write(folders.folder(TicketState.CREATED).resolve(file.getFileName()),
                ticket.withJira(key, url, now.toString()));
        Files.deleteIfExists(file);
        Files.deleteIfExists(folders.reasonFile(file.getFileName().toString()));
        if (found) {
            LOG.info("Ticket {} is Jira issue {} (already there, found by its label {}; not created again): {}",
                    file.getFileName(), key, TicketIds.label(ticket.id()), url);
        } else {
            LOG.info("Created Jira issue {} for ticket {}: {}", key, file.getFileName(), url);
        }
    }

    /**
     * Decides what becomes of a ticket whose creation failed: rejected with the reason when Jira (or the file) says
     * it cannot work as it is, otherwise kept in the approved folder and tried again later.
     */
    public void failed(Exchange exchange) throws IOException {
        exchange.getMessage().removeHeader("Authorization");
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Path file = exchange.getProperty(TICKET_FILE, Path.class);
        Ticket ticket = exchange.getProperty(TICKET, Ticket.class);
        String name = file == null ? "a ticket" : file.getFileName().toString();

        if (cause instanceof JiraRejectedException || cause instanceof TicketFormatException) {
            reject(file, ticket, cause.getMessage());
            return;
        }
        if (ticket == null) {
            LOG.warn("Could not read {}: {}; tried again at the next poll", name, describe(cause));
            return;
        }
        Instant now = clock.instant();
        Duration wait;
        String why;
        if (cause instanceof JiraRateLimitedException limited) {
            wait = limited.retryAfter() != null ? limited.retryAfter() : retryDelay;
            why = cause.getMessage();
        } else if (cause instanceof JiraAuthException) {
            wait = authRetryDelay;
            why = cause.getMessage();
        } else {
            wait = retryDelay;
            why = "Jira could not be reached: " + describe(cause);
        }
        Instant retry = now.plus(wait);
        notBefore.put(ticket.id(), retry);
        String reason = why + "; tried again after " + retry.truncatedTo(ChronoUnit.SECONDS)
                + (cause instanceof JiraAuthException ? " or when the hub restarts" : "");
        ledger.recordWaiting(item(ticket), reason);
        LOG.warn("Ticket {} waits in the approved folder: {}", name, reason);
    }

    private void reject(Path file, Ticket ticket, String reason) throws IOException {
        if (file == null || !Files.exists(file)) {
            LOG.warn("Ticket {} was refused but its file is gone: {}", file, reason);
            return;
        }
        Path rejected = folders.move(file, TicketState.REJECTED);
        String name = rejected.getFileName().toString();
        String id = TicketIds.idOfFile(name);
        Files.writeString(folders.reasonFile(name), reason + "\n\nRefused at "
                + clock.instant().truncatedTo(ChronoUnit.SECONDS) + ". Fix the ticket in " + name + ", then move it"
                + " back to the approved folder (or POST /api/tickets/" + id + "/approve) to try again.\n",
                StandardCharsets.UTF_8);
        if (ticket != null) {
            notBefore.remove(ticket.id());
            ledger.recordFailed(item(ticket), reason);
        }
        LOG.warn("Ticket {} moved to the rejected folder: {}", name, reason);
    }

    private IssueDraft draft(Ticket ticket) {
        Set<String> labels = new LinkedHashSet<>(ticket.labels());
        labels.add(TicketIds.label(ticket.id()));
        String accountId = ticket.assignee() != null ? ticket.assignee() : defaults.accounts().accountId(
                ticket.owner());
        return new IssueDraft(ticket.project(), ticket.type(), ticket.summary(), ticket.description(),
                List.copyOf(labels), TicketIds.label(ticket.id()), accountId, isoDate(ticket.due()),
                ticket.sourceTitle(), ticket.sourceLink(), ticket.sourceTime(), ticket.proposed());
    }

    /** Jira's due date takes only {@code yyyy-MM-dd}; "Friday" stays in the ticket's text. */
    private static String isoDate(String due) {
        if (due == null) {
            return null;
        }
        try {
            return LocalDate.parse(due.strip()).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Item item(Ticket ticket) {
        return new Item(TicketIds.ledgerItem(ticket.id()), TicketIds.LEDGER_SOURCE, ticket.summary(), null,
                ticket.id(), clock.instant());
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        if (root != error && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
