package dev.teammate.hub;

import dev.teammate.api.TicketsApi;
import dev.teammate.jira.JiraAccounts;
import dev.teammate.jira.JiraConnection;
import dev.teammate.jira.JiraHttpClient;
import dev.teammate.jira.JiraReplies;
import dev.teammate.jira.JiraRequests;
import dev.teammate.ledger.Ledger;
import dev.teammate.tickets.SummaryTickets;
import dev.teammate.tickets.TicketCreation;
import dev.teammate.tickets.TicketDefaults;
import dev.teammate.tickets.TicketFolders;
import dev.teammate.tickets.TicketProposer;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the beans of the tickets stage, used by {@code routes/tickets.yaml}: {@code ticketFolders},
 * {@code ticketProposer}, {@code summaryTickets}, {@code ticketCreation}, {@code jiraHttpClient},
 * {@code jiraRequests}, {@code jiraReplies} and {@code ticketsApi}. They are bound whether or not Jira is
 * configured, so the routes always load; with {@code teammate.jira.base-url} empty the routes do nothing and the
 * ticket folders are not even created.
 */
final class TicketWiring {

    private static final Logger LOG = LoggerFactory.getLogger(TicketWiring.class);

    private TicketWiring() {
    }

    static void bind(CamelContext context, Ledger ledger) {
        JiraConnection jira = JiraConnection.of(HubSettings.optional(context, "teammate.jira.base-url"),
                HubSettings.optional(context, "teammate.jira.email"),
                HubSettings.optional(context, "teammate.jira.api-token"),
                HubSettings.optional(context, "teammate.jira.pat"));
        TicketDefaults defaults = new TicketDefaults(HubSettings.text(context, "teammate.jira.project"),
                HubSettings.text(context, "teammate.jira.issue-type"),
                list(HubSettings.optional(context, "teammate.jira.labels")),
                JiraAccounts.parse(HubSettings.optional(context, "teammate.jira.accounts")),
                Boolean.parseBoolean(HubSettings.text(context, "teammate.jira.auto-create")));
        // Not through {{folder:...}}, which creates the folder: with Jira off nothing is made on disk.
        Path root = Path.of(HubSettings.text(context, "teammate.tickets.dir")).toAbsolutePath();
        TicketFolders folders = new TicketFolders(root);
        Clock clock = Clock.systemUTC();

        Registry registry = context.getRegistry();
        registry.bind("ticketFolders", folders);
        registry.bind("ticketProposer", new TicketProposer(folders, ledger, defaults, clock));
        registry.bind("summaryTickets", new SummaryTickets());
        registry.bind("ticketCreation", new TicketCreation(folders, ledger, jira, defaults,
                Duration.ofMillis(HubSettings.integer(context, "teammate.jira.retry-ms")),
                Duration.ofMillis(HubSettings.integer(context, "teammate.jira.auth-retry-ms")), clock));
        registry.bind("jiraHttpClient", new JiraHttpClient());
        registry.bind("jiraRequests", new JiraRequests(jira));
        registry.bind("jiraReplies", new JiraReplies(jira));
        registry.bind("ticketsApi", new TicketsApi(folders, ledger, jira));

        if (!jira.enabled()) {
            LOG.info("Tickets to Jira are off (teammate.jira.base-url is empty)");
            return;
        }
        try {
            folders.createFolders();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the ticket folders in " + root, e);
        }
        LOG.info("Tickets to Jira at {}: project {}, type {}, {} owner(s) mapped to accounts; {}", jira,
                defaults.project(), defaults.issueType(), defaults.accounts().size(), defaults.autoCreate()
                        ? "created without review (teammate.jira.auto-create)"
                        : "reviewed first in " + folders.folder(dev.teammate.tickets.TicketState.PENDING));
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
