package dev.teammate.summarize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.hub.TestHub;
import dev.teammate.item.ItemFolders;
import dev.teammate.jira.FakeJiraServer;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.llm.FakeChatServer;
import dev.teammate.llm.FakeChatServer.Reply;
import dev.teammate.llm.FakeChatServer.Request;
import dev.teammate.slack.FakeSlackServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary stage over the real routes, against a local OpenAI-compatible server that answers from a script and
 * records every request: which tier gets which meeting, the path in parts, JSON repair, evidence checking, an
 * endpoint that is down, and replies cut off at their limit.
 */
class SummaryRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private FakeChatServer server;

    @BeforeEach
    void startServer() {
        server = FakeChatServer.start();
        server.answer(ScriptedMeetings::honestModel);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Properties settings() {
        Properties settings = new Properties();
        // Small windows, so that meetings of a few dozen lines already need the larger tiers.
        tier(settings, "small", "small-model", 2000, 300);
        tier(settings, "large", "large-model", 6000, 500);
        settings.setProperty("teammate.llm.long.base-url", "");
        settings.setProperty("teammate.summarize.parts-tier", "large");
        settings.setProperty("teammate.summarize.overlap-tokens", "60");
        settings.setProperty("teammate.summarize.poll-ms", "100");
        settings.setProperty("teammate.summarize.retry-ms", "300");
        return settings;
    }

    private void tier(Properties settings, String tier, String model, int context, int output) {
        String prefix = "teammate.llm." + tier + ".";
        settings.setProperty(prefix + "base-url", server.baseUrl());
        settings.setProperty(prefix + "model", model);
        settings.setProperty(prefix + "context-tokens", String.valueOf(context));
        settings.setProperty(prefix + "output-tokens", String.valueOf(output));
        settings.setProperty(prefix + "max-retries", "0");
        settings.setProperty(prefix + "timeout-seconds", "5");
    }

    private static String summaryId(String fileName) {
        return "summary:file:" + fileName;
    }

    private JsonNode summaryFile(String fileName) throws Exception {
        Path folder = dataDir.resolve("outputs").resolve(ItemFolders.name("file:" + fileName));
        assertThat(folder.resolve("summary.md")).exists();
        return JSON.readTree(folder.resolve("summary.json").toFile());
    }

    private void awaitIndexed(TestHub hub, String fileName) {
        TestHub.await(Duration.ofSeconds(60), "the summary of " + fileName, () -> {
            ItemStatus status = hub.ledger().find(summaryId(fileName)).map(e -> e.status()).orElse(null);
            return status == ItemStatus.INDEXED || status == ItemStatus.FAILED;
        });
        assertThat(hub.status(summaryId(fileName))).as(hub.entry(summaryId(fileName)).toString())
                .isEqualTo(ItemStatus.INDEXED);
    }

    private List<Request> requestsAbout(String topic) {
        return server.requests().stream().filter(r -> r.userText().contains(" on " + topic + ":")
                || r.systemText().contains("combine") && r.userText().contains("Meeting: " + topic)).toList();
    }

    @Test
    void eachMeetingGoesToTheSmallestTierItFitsAndAnOverLongOneIsSummarizedInPartsCoveringEveryLine()
            throws Exception {
        try (TestHub hub = TestHub.start(dataDir, settings())) {
            hub.drop("standup.vtt", ScriptedMeetings.meeting("standup", 15));
            hub.drop("planning.vtt", ScriptedMeetings.meeting("planning", 120));
            hub.drop("offsite.vtt", ScriptedMeetings.meeting("offsite", 500));

            for (String file : List.of("standup.vtt", "planning.vtt", "offsite.vtt")) {
                awaitIndexed(hub, file);
            }

            List<Request> standup = requestsAbout("standup");
            assertThat(standup).singleElement().satisfies(r -> {
                assertThat(r.model()).isEqualTo("small-model");
                assertThat(r.maxTokens()).isEqualTo(300);
                assertThat(r.userText()).contains("Turn 0 on standup", "Turn 14 on standup");
            });
            assertThat(requestsAbout("planning")).singleElement().satisfies(r -> {
                assertThat(r.model()).isEqualTo("large-model");
                assertThat(r.userText()).contains("Turn 0 on planning", "Turn 119 on planning");
            });

            List<Request> offsite = requestsAbout("offsite");
            List<Request> parts = offsite.stream().filter(r -> r.systemText().contains("one part of a long meeting"))
                    .toList();
            assertThat(parts).hasSizeGreaterThan(2).allSatisfy(r -> assertThat(r.model()).isEqualTo("large-model"));
            for (int i = 0; i < 500; i++) {
                String turn = "Turn " + i + " on offsite:";
                assertThat(parts).as("turn %d is in some part", i).anySatisfy(r -> assertThat(r.userText())
                        .contains(turn));
            }
            assertThat(offsite).filteredOn(r -> r.systemText().contains("combine the summaries")).singleElement()
                    .satisfies(r -> assertThat(r.userText()).contains("Summaries of its " + parts.size() + " parts"));

            JsonNode summary = summaryFile("offsite.vtt");
            assertThat(summary.get("made").asText()).isEqualTo(parts.size() + " parts then combined, model tier large");
            assertThat(summary.get("action_items")).hasSize(1);
            assertThat(summary.get("action_items").get(0).get("time").asText()).isEqualTo("00:00:05");
            assertThat(summaryFile("standup.vtt").get("made").asText()).isEqualTo("whole transcript, model tier small");

            JsonNode hits = hub.search("ship the retry budget before the redesign", 20).get("results");
            List<String> items = new ArrayList<>();
            hits.forEach(h -> items.add(h.get("item_id").asText()));
            assertThat(items).contains(summaryId("standup.vtt"), summaryId("planning.vtt"), summaryId("offsite.vtt"));
        }
    }

    @Test
    void anInventedQuoteIsFlaggedAndAnInvalidReplyIsRepairedOnce() throws Exception {
        server.answerInOrder(Reply.text("Sure! Here is the summary you asked for."),
                Reply.text("""
                        {"summary": "Retries.", "speakers": [], "decisions": [],
                         "action_items": [
                           {"what": "Check budget", "owner": null, "due": null, "time": "00:00:12",
                            "quote": "Turn 1 on retro: we look at the retry budget and who owns the next step."},
                           {"what": "Migrate billing", "owner": "Mei", "due": "next week", "time": "00:00:19",
                            "quote": "Mei will migrate billing to the new provider next week"}]}"""));
        try (TestHub hub = TestHub.start(dataDir, settings())) {
            hub.drop("retro.vtt", ScriptedMeetings.meeting("retro", 10));

            awaitIndexed(hub, "retro.vtt");

            List<Request> requests = server.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).messages()).hasSize(4);
            assertThat(requests.get(1).messages().get(2).content())
                    .isEqualTo("Sure! Here is the summary you asked for.");
            assertThat(requests.get(1).messages().get(3).content()).contains("no JSON object");
            JsonNode summary = summaryFile("retro.vtt");
            assertThat(summary.get("action_items")).singleElement()
                    .satisfies(a -> assertThat(a.get("time").asText()).isEqualTo("00:00:12"));
            assertThat(summary.get("unverified_action_items")).singleElement().satisfies(a -> {
                assertThat(a.get("what").asText()).isEqualTo("Migrate billing");
                assertThat(a.get("unverified_because").asText()).isEqualTo("the quote is not in the transcript");
            });
            String markdown = Files.readString(dataDir.resolve("outputs").resolve(ItemFolders.name("file:retro.vtt"))
                    .resolve("summary.md"));
            assertThat(markdown).contains("## Unverified action items", "Migrate billing");

            hub.dropAndWait("retro.vtt.delete", "");
            TestHub.await(Duration.ofSeconds(10), "the meeting and its summary to be removed",
                    () -> hub.entry("file:retro.vtt").isEmpty() && hub.entry(summaryId("retro.vtt")).isEmpty());
            assertThat(hub.store().chunkIds(summaryId("retro.vtt"))).isEmpty();
        }
    }

    @Test
    void notesDroppedInTheMeetingsFolderAreSummarizedAndOtherDocumentsAreNot() throws Exception {
        server.answer(request -> Reply.text(ScriptedMeetings.summaryJson("notes", List.of(
                "Ravi will fix the retry budget by Friday",
                "00:00:00"))));
        try (TestHub hub = TestHub.start(dataDir, settings())) {
            hub.drop("meetings/weekly sync.txt", "Weekly sync, 2 December\n\nDana: checkout declines went up."
                    + "\n\nRavi: Ravi will fix the retry budget by Friday.\n");
            hub.dropAndWait("roadmap.md", "# Roadmap\n\nRetries first, then the redesign.\n");

            awaitIndexed(hub, "meetings/weekly sync.txt");

            assertThat(hub.status("file:roadmap.md")).isEqualTo(ItemStatus.INDEXED);
            assertThat(hub.entry(summaryId("roadmap.md"))).isEmpty();
            assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.userText())
                    .contains("Ravi will fix the retry budget by Friday."));
            JsonNode summary = summaryFile("meetings/weekly sync.txt");
            assertThat(summary.get("action_items")).singleElement()
                    .satisfies(a -> assertThat(a.get("time").isNull()).isTrue());
        }
    }

    @Test
    void aDownEndpointLeavesTheMeetingWaitingWithTheReasonUntilItIsBack() throws Exception {
        server.down();
        try (TestHub hub = TestHub.start(dataDir, settings())) {
            hub.drop("sync.vtt", ScriptedMeetings.meeting("sync", 10));

            TestHub.await(Duration.ofSeconds(30), "the summary to wait for the endpoint", () -> hub.entry(
                    summaryId("sync.vtt")).map(e -> e.reason() != null && e.reason().contains(
                    "the model endpoint did not answer")).orElse(false));
            assertThat(hub.status(summaryId("sync.vtt"))).isEqualTo(ItemStatus.WAITING);
            assertThat(hub.entry(summaryId("sync.vtt")).orElseThrow().reason())
                    .contains("nothing listens at teammate.llm.small.base-url");
            assertThat(hub.status("file:sync.vtt")).isEqualTo(ItemStatus.INDEXED);
            assertThat(hub.get("/api/health").statusCode()).isEqualTo(200);

            server.up();

            awaitIndexed(hub, "sync.vtt");
        }
    }

    @Test
    void aReplyCutOffAtItsLimitSendsTheMeetingDownThePathInParts() throws Exception {
        server.answer(request -> request.systemText().contains("You summarize meetings for a product team")
                ? Reply.cutOff("{\"summary\": \"The team talked about")
                : ScriptedMeetings.honestModel(request));
        try (TestHub hub = TestHub.start(dataDir, settings())) {
            hub.drop("review.vtt", ScriptedMeetings.meeting("review", 15));

            awaitIndexed(hub, "review.vtt");

            List<Request> requests = server.requests();
            assertThat(requests.get(0).model()).isEqualTo("small-model");
            assertThat(requests.subList(1, requests.size())).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.model()).isEqualTo("large-model"));
            assertThat(summaryFile("review.vtt").get("made").asText()).isEqualTo("1 part then combined, model tier"
                    + " large");
        }
    }

    @Test
    void aSummaryIsPostedToSlackAndItsVerifiedActionItemsAwaitReviewAsTickets() throws Exception {
        server.answer(request -> Reply.text("""
                {"summary": "Retry budget review.", "speakers": [], "decisions": ["Cap retries at three"],
                 "action_items": [
                   {"what": "Fix the retry budget", "owner": "Ravi", "due": "Friday",
                    "quote": "Turn 1 on budget: we look at the retry budget and who owns the next step.",
                    "time": "00:00:12"},
                   {"what": "Email every customer", "owner": null, "due": null,
                    "quote": "we will email every customer tonight", "time": "00:00:30"}]}"""));
        try (FakeSlackServer slack = FakeSlackServer.start(); FakeJiraServer jira = FakeJiraServer.start()) {
            Properties settings = settings();
            settings.putAll(slack.hubSettings("#team-updates"));
            settings.setProperty("teammate.jira.base-url", jira.baseUrl());
            settings.setProperty("teammate.jira.email", FakeJiraServer.EMAIL);
            settings.setProperty("teammate.jira.api-token", FakeJiraServer.API_TOKEN);
            try (TestHub hub = TestHub.start(dataDir, settings)) {
                hub.drop("budget.vtt", ScriptedMeetings.meeting("budget", 6));

                awaitIndexed(hub, "budget.vtt");

                TestHub.await(Duration.ofSeconds(30), "the post to Slack", () -> !slack.posted().isEmpty());
                assertThat(slack.posted()).singleElement().satisfies(post -> assertThat(post.shown())
                        .contains("Retry budget review", "Fix the retry budget", "00:00:12")
                        .doesNotContain("Email every customer"));
                JsonNode pending = hub.getJson("/api/tickets?state=pending").get("tickets");
                assertThat(pending).singleElement().satisfies(t -> assertThat(t.get("summary").asText())
                        .isEqualTo("Fix the retry budget"));
                assertThat(jira.issues()).as("nothing reaches Jira before a person approves").isEmpty();
            }
        }
    }
}
