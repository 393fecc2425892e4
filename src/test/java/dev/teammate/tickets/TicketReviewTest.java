package dev.teammate.tickets;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.hub.TestHub;
import dev.teammate.jira.FakeJiraServer;
import dev.teammate.jira.FakeJiraServer.Issue;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.LedgerEntry;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tickets to Jira over a whole hub (real routes, real camel-http calls) against {@link FakeJiraServer}: review,
 * approval, exactly one issue whatever is repeated or restarted, and what Jira's failures do to a ticket.
 */
class TicketReviewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "summary:file:standup.vtt#fix the retry budget";
    private static final String LINK = "https://meet.example.com/rec/standup-2026-12-01";
    private static final TicketProposal PROPOSAL = new TicketProposal(KEY, "Fix the retry budget",
            "Card retries give up too early.\n\n- check the budget\n- add a metric", "Ravi", "2026-12-10",
            "Standup 2026-12-01", LINK, "00:41:07");

    @TempDir
    Path dataDir;

    @Test
    void approvingAProposalCreatesExactlyOneIssueWithItsFields() throws Exception {
        try (FakeJiraServer jira = FakeJiraServer.start(); TestHub hub = TestHub.start(dataDir, settings(jira))) {
            propose(hub, PROPOSAL);
            Path pending = awaitSingleFile(TicketState.PENDING);
            String id = TicketIds.id(KEY);
            assertEquals(TicketIds.fileName("Fix the retry budget", id), pending.getFileName().toString());
            String file = Files.readString(pending);
            assertTrue(file.contains("summary: Fix the retry budget"), file);
            assertTrue(file.contains("assignee: " + FakeJiraServer.ACCOUNT_ID), file);
            assertTrue(file.contains("project: TEAM"), file);
            propose(hub, PROPOSAL);
            assertEquals(1, files(TicketState.PENDING).size(), "proposing again adds nothing");
            assertTrue(jira.issues().isEmpty(), "nothing reaches Jira before approval");

            HttpResponse<String> approved = post(hub, "/api/tickets/" + id + "/approve");
            assertEquals(200, approved.statusCode(), approved.body());
            assertEquals("approved", JSON.readTree(approved.body()).path("state").asText());
            Path created = awaitSingleFile(TicketState.CREATED);

            assertEquals(1, jira.issues().size());
            Issue issue = jira.issues().get(0);
            JsonNode fields = issue.fields();
            assertEquals("TEAM", fields.path("project").path("key").asText());
            assertEquals("Task", fields.path("issuetype").path("name").asText());
            assertEquals("Fix the retry budget", fields.path("summary").asText());
            assertEquals(List.of("teammate", "from-meeting", "teammate-" + id), issue.labels());
            assertEquals(FakeJiraServer.ACCOUNT_ID, fields.path("assignee").path("accountId").asText());
            assertEquals("2026-12-10", fields.path("duedate").asText());
            JsonNode description = fields.path("description");
            assertEquals("doc", description.path("type").asText());
            assertEquals(1, description.path("version").asInt());
            assertEquals(LINK, linkHref(description), "the description links back to the source");
            assertTrue(description.toString().contains("00:41:07"), "the description names the time: " + description);

            String createdFile = Files.readString(created);
            assertTrue(createdFile.contains("jira: " + issue.key()), createdFile);
            assertTrue(createdFile.contains("url: " + jira.baseUrl() + "/browse/" + issue.key()), createdFile);
            LedgerEntry entry = hub.entry(TicketIds.ledgerItem(id)).orElseThrow();
            assertEquals(ItemStatus.INDEXED, entry.status());
            assertEquals(issue.key(), entry.version());

            HttpResponse<String> again = post(hub, "/api/tickets/" + id + "/approve");
            assertEquals(409, again.statusCode(), again.body());
            assertEquals(issue.key(), JSON.readTree(again.body()).path("jira_key").asText());
            propose(hub, PROPOSAL);
            Thread.sleep(1000);
            assertEquals(1, jira.issues().size(), "approving or proposing again makes no second issue");
            assertEquals(1, jira.requests("POST", "/rest/api/3/issue").size());
            assertTrue(files(TicketState.PENDING).isEmpty());

            JsonNode listed = hub.getJson("/api/tickets").path("tickets");
            assertEquals(1, listed.size());
            assertEquals("created", listed.get(0).path("state").asText());
            assertEquals(issue.key(), listed.get(0).path("jira_key").asText());
        }
    }

    @Test
    void anIssueCreatedBeforeARestartIsFoundByItsLabelNotCreatedAgain() throws Exception {
        String id = TicketIds.id(KEY);
        try (FakeJiraServer jira = FakeJiraServer.start()) {
            try (TestHub hub = TestHub.start(dataDir, settings(jira))) {
                propose(hub, PROPOSAL);
                awaitSingleFile(TicketState.PENDING);
            }
            // As if the stopped hub had created the issue and stopped before recording it.
            Issue earlier = jira.addIssue("TEAM", "Fix the retry budget", "teammate", TicketIds.label(id));
            Path pending = files(TicketState.PENDING).get(0);
            Files.move(pending, tickets(TicketState.APPROVED).resolve(pending.getFileName()));

            try (TestHub hub = TestHub.start(dataDir, settings(jira))) {
                Path created = awaitSingleFile(TicketState.CREATED);
                assertTrue(Files.readString(created).contains("jira: " + earlier.key()));
                assertEquals(earlier.key(), hub.entry(TicketIds.ledgerItem(id)).orElseThrow().version());
                assertEquals(409, post(hub, "/api/tickets/" + id + "/approve").statusCode());
            }
            assertEquals(1, jira.issues().size());
            assertTrue(jira.requests("POST", "/rest/api/3/issue").isEmpty(), "no create call at all");
            assertFalse(jira.requests("POST", "/rest/api/3/search/jql").isEmpty());
        }
    }

    @Test
    void aRateLimitIsWaitedOutForTheTimeJiraNames() throws Exception {
        try (FakeJiraServer jira = FakeJiraServer.start(); TestHub hub = TestHub.start(dataDir, settings(jira))) {
            awaitStartupCheck(jira);
            jira.failNext(1, 429, 2);
            propose(hub, PROPOSAL);
            post(hub, "/api/tickets/" + TicketIds.id(KEY) + "/approve");
            awaitSingleFile(TicketState.CREATED);

            FakeJiraServer.Request limited = jira.requests().stream().filter(r -> r.status() == 429).findFirst()
                    .orElseThrow();
            List<FakeJiraServer.Request> creates = jira.requests("POST", "/rest/api/3/issue");
            assertEquals(1, creates.size());
            Duration waited = Duration.between(limited.arrived(), creates.get(0).arrived());
            assertTrue(waited.compareTo(Duration.ofSeconds(2)) >= 0, "created only " + waited + " after the 429");
            assertEquals(1, jira.issues().size());
        }
    }

    @Test
    void aRefusedTicketKeepsItsFileWithJirasReasonAndCanBeRetried() throws Exception {
        try (FakeJiraServer jira = FakeJiraServer.start()) {
            Properties settings = settings(jira);
            settings.setProperty("teammate.jira.project", "NOPE");
            try (TestHub hub = TestHub.start(dataDir, settings)) {
                propose(hub, PROPOSAL);
                String id = TicketIds.id(KEY);
                post(hub, "/api/tickets/" + id + "/approve");
                Path rejected = awaitSingleFile(TicketState.REJECTED);
                Path reason = rejected.resolveSibling(rejected.getFileName() + ".error.txt");
                TestHub.await(WAIT, "the reason file", () -> Files.exists(reason));
                String why = Files.readString(reason);
                assertTrue(why.contains("project: valid project is required"), why);
                assertEquals(ItemStatus.FAILED, hub.status(TicketIds.ledgerItem(id)));
                JsonNode listed = hub.getJson("/api/tickets?state=rejected").path("tickets");
                assertTrue(listed.get(0).path("reason").asText().contains("project"));
                assertTrue(jira.issues().isEmpty());

                // A person fixes the project in the file and approves it again.
                Files.writeString(rejected, Files.readString(rejected).replace("project: NOPE", "project: OPS"));
                assertEquals(200, post(hub, "/api/tickets/" + id + "/approve").statusCode());
                awaitSingleFile(TicketState.CREATED);
                assertEquals("OPS", jira.issues().get(0).project());
                assertFalse(Files.exists(reason));
            }
        }
    }

    @Test
    void wrongCredentialsMakeTheTicketWaitUntilTheHubRestartsWithRightOnes() throws Exception {
        String wrongToken = "wrong-token-5d1c";
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try (FakeJiraServer jira = FakeJiraServer.start()) {
            Properties wrong = settings(jira);
            wrong.setProperty("teammate.jira.api-token", wrongToken);
            String id = TicketIds.id(KEY);
            try (TestHub hub = TestHub.start(dataDir, wrong)) {
                propose(hub, PROPOSAL);
                post(hub, "/api/tickets/" + id + "/approve");
                TestHub.await(WAIT, "the ticket to wait", () -> hub.status(TicketIds.ledgerItem(id))
                        == ItemStatus.WAITING);
                String reason = hub.entry(TicketIds.ledgerItem(id)).orElseThrow().reason();
                assertTrue(reason.contains("401") && reason.contains("TEAMMATE_JIRA_API_TOKEN"), reason);
                assertEquals(1, files(TicketState.APPROVED).size(), "the ticket stays approved");
                JsonNode listed = hub.getJson("/api/tickets").path("tickets").get(0);
                assertEquals("approved", listed.path("state").asText());
                assertTrue(listed.path("reason").asText().contains("TEAMMATE_JIRA_API_TOKEN"));
            }
            assertTrue(jira.issues().isEmpty());

            try (TestHub hub = TestHub.start(dataDir, settings(jira))) {
                awaitSingleFile(TicketState.CREATED);
                assertEquals(ItemStatus.INDEXED, hub.status(TicketIds.ledgerItem(id)));
            }
            assertEquals(1, jira.issues().size());
        } finally {
            root.detachAppender(logs);
        }
        String basic = Base64.getEncoder().encodeToString((FakeJiraServer.EMAIL + ":" + wrongToken)
                .getBytes(StandardCharsets.UTF_8));
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage());
            assertFalse(line.contains(wrongToken) || line.contains(basic) || line.contains(FakeJiraServer.API_TOKEN),
                    "a log line shows a secret: " + line);
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndThenLaterUntilJiraAnswers() throws Exception {
        try (FakeJiraServer jira = FakeJiraServer.start()) {
            Properties settings = settings(jira);
            settings.remove("teammate.jira.email");
            settings.remove("teammate.jira.api-token");
            settings.setProperty("teammate.jira.pat", FakeJiraServer.PAT);
            settings.setProperty("teammate.jira.max-retries", "1");
            settings.setProperty("teammate.jira.retry-ms", "300");
            try (TestHub hub = TestHub.start(dataDir, settings)) {
                awaitStartupCheck(jira);
                jira.failNext(5, 503, null);
                propose(hub, PROPOSAL);
                post(hub, "/api/tickets/" + TicketIds.id(KEY) + "/approve");
                awaitSingleFile(TicketState.CREATED);
            }
            assertEquals(1, jira.issues().size());
            assertEquals(5, jira.requests().stream().filter(r -> r.status() == 503).count());
            assertTrue(jira.requests().stream().allMatch(r -> "Bearer".equals(r.auth())), "the PAT goes as Bearer");
        }
    }

    @Test
    void onlyVerifiedActionItemsOfASummaryBecomeTickets() throws Exception {
        Path summary = dataDir.resolve("summary.json");
        Files.writeString(summary, """
                {"item": "file:meetings/standup.vtt", "title": "Standup", "version": "abc", "link": "%s",
                 "made": "tier small", "summary": "We talked.", "speakers": [], "decisions": [],
                 "action_items": [{"what": "Fix the retry budget", "owner": "Ravi", "due": "Friday",
                                   "quote": "I will fix the retry budget", "time": "00:41:07"}],
                 "unverified_action_items": [{"what": "Rewrite billing", "owner": "Dana", "due": null,
                                              "quote": "rewrite it all", "time": null,
                                              "unverified_because": "quote not found"}]}
                """.formatted(LINK));
        try (FakeJiraServer jira = FakeJiraServer.start(); TestHub hub = TestHub.start(dataDir, settings(jira))) {
            hub.context().createProducerTemplate().sendBodyAndHeader("direct:tickets-from-summary", null,
                    SummaryTickets.SUMMARY_FILE, summary.toAbsolutePath().toString());
            Path pending = awaitSingleFile(TicketState.PENDING);
            Thread.sleep(300);
            assertEquals(1, files(TicketState.PENDING).size());
            String file = Files.readString(pending);
            assertTrue(file.contains("summary: Fix the retry budget"), file);
            assertTrue(file.contains("I will fix the retry budget") && file.contains("00:41:07"), file);
            assertTrue(file.contains("link: " + LINK), file);
            assertFalse(file.contains("Rewrite billing"));
            assertTrue(jira.requests("POST", "/rest/api/3/issue").isEmpty());
        }
    }

    @Test
    void withJiraOffNothingHappens() throws Exception {
        try (TestHub hub = TestHub.start(dataDir)) {
            propose(hub, PROPOSAL);
            Path summary = dataDir.resolve("summary.json");
            Files.writeString(summary, "{\"item\": \"file:a.vtt\", \"title\": \"A\", \"action_items\": [{\"what\":"
                    + " \"Do it\", \"quote\": \"do it\"}]}");
            hub.context().createProducerTemplate().sendBodyAndHeader("direct:tickets-from-summary", null,
                    SummaryTickets.SUMMARY_FILE, summary.toString());
            assertFalse(Files.exists(dataDir.resolve("tickets")), "no ticket folders with Jira off");
            JsonNode listed = hub.getJson("/api/tickets");
            assertEquals("off", listed.path("jira").asText());
            assertEquals(0, listed.path("tickets").size());
            assertEquals(409, post(hub, "/api/tickets/" + TicketIds.id(KEY) + "/approve").statusCode());
        }
    }

    @Test
    void autoCreateSkipsReviewWhenOptedIn() throws Exception {
        try (FakeJiraServer jira = FakeJiraServer.start()) {
            Properties settings = settings(jira);
            settings.setProperty("teammate.jira.auto-create", "true");
            try (TestHub hub = TestHub.start(dataDir, settings)) {
                propose(hub, PROPOSAL);
                awaitSingleFile(TicketState.CREATED);
                assertTrue(files(TicketState.PENDING).isEmpty());
            }
            assertEquals(1, jira.issues().size());
        }
    }

    private static Properties settings(FakeJiraServer jira) {
        Properties settings = new Properties();
        settings.setProperty("teammate.jira.base-url", jira.baseUrl());
        settings.setProperty("teammate.jira.email", FakeJiraServer.EMAIL);
        settings.setProperty("teammate.jira.api-token", FakeJiraServer.API_TOKEN);
        settings.setProperty("teammate.jira.pat", "");
        settings.setProperty("teammate.jira.project", "TEAM");
        settings.setProperty("teammate.jira.labels", "teammate, from-meeting");
        settings.setProperty("teammate.jira.accounts", "Ravi=" + FakeJiraServer.ACCOUNT_ID + ",Dana=712020:x");
        settings.setProperty("teammate.tickets.poll-ms", "100");
        settings.setProperty("teammate.tickets.stable-ms", "100");
        settings.setProperty("teammate.jira.retry-delay-ms", "100");
        return settings;
    }

    private static void propose(TestHub hub, TicketProposal proposal) {
        hub.context().createProducerTemplate().sendBody("direct:propose-ticket", proposal);
    }

    private static void awaitStartupCheck(FakeJiraServer jira) {
        TestHub.await(WAIT, "the start-up credential check", () -> !jira.requests("GET", "/rest/api/3/myself")
                .isEmpty());
    }

    private static HttpResponse<String> post(TestHub hub, String path) throws IOException, InterruptedException {
        int port = hub.context().hasService(MainHttpServer.class).getPort();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path tickets(TicketState state) {
        return dataDir.resolve("tickets").resolve(state.folderName());
    }

    private List<Path> files(TicketState state) throws IOException {
        if (!Files.isDirectory(tickets(state))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tickets(state))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }

    private Path awaitSingleFile(TicketState state) throws IOException {
        TestHub.await(WAIT, "one ticket in " + state.folderName(), () -> {
            try {
                return files(state).size() == 1;
            } catch (IOException e) {
                return false;
            }
        });
        return files(state).get(0);
    }

    /** The href of the first link mark anywhere in an ADF document. */
    private static String linkHref(JsonNode node) {
        List<JsonNode> stack = new ArrayList<>(List.of(node));
        while (!stack.isEmpty()) {
            JsonNode next = stack.remove(0);
            for (JsonNode mark : next.path("marks")) {
                if ("link".equals(mark.path("type").asText())) {
                    return mark.path("attrs").path("href").asText();
                }
            }
            next.path("content").forEach(stack::add);
        }
        return null;
    }
}
