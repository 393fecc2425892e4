package dev.teammate.slack.post;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.hub.TestHub;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.slack.FakeSlackServer;
import dev.teammate.slack.FakeSlackServer.Failure;
import dev.teammate.slack.FakeSlackServer.Request;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack out over a whole hub and the real {@code routes/slack.yaml}, posting through camel-slack to a fake Slack Web
 * API: what a summary and a long draft look like in the channel, Slack out off, 429 with Retry-After, Slack down or
 * failing, a wrong channel or token. No test may find the token in the log, in a kept post, or in the ledger.
 */
class SlackOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "#team-updates";

    @TempDir
    Path dataDir;

    @TempDir
    Path meetings;

    private FakeSlackServer slack;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() {
        slack = FakeSlackServer.start();
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void stop() throws IOException {
        root().detachAppender(log);
        slack.close();
        assertThat(log.list).allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(FakeSlackServer.TOKEN);
            if (event.getThrowableProxy() != null) {
                String trace = ThrowableProxyUtil.asString(event.getThrowableProxy());
                assertThat(trace).doesNotContain(FakeSlackServer.TOKEN);
            }
        });
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".txt"))
                    .toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(FakeSlackServer.TOKEN);
            }
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private Properties settings(String channel) {
        return slack.hubSettings(channel);
    }

    @Test
    void aSummaryIsPostedOnceWithItsVerifiedActionItemsOnly() throws Exception {
        Path summary = summaryJson();
        try (TestHub hub = TestHub.start(dataDir, settings(CHANNEL))) {
            Exchange reply = postSummary(hub, summary);

            // The caller's message comes back as it went in.
            assertThat(reply.getMessage().getBody(String.class)).isEqualTo("the caller's body");
            assertThat(reply.getException()).isNull();
            awaitPosted(1);
            awaitNothingPending();
            Thread.sleep(300);
        }

        assertThat(slack.posted()).hasSize(1);
        assertThat(slack.requests("chat.postMessage")).hasSize(1);
        Request post = slack.posted().get(0);
        assertThat(post.param("channel")).isEqualTo(CHANNEL);
        assertThat(post.param("text")).isEqualTo("Meeting summary: Checkout sync");
        assertThat(post.headers().get("Authorization")).isEqualTo("(hidden)");
        String shown = post.shown();
        assertThat(shown).contains("*<https://meet.example.com/rec/42|Checkout sync>*")
                .contains("We agreed to retry declined cards once")
                .contains("*Decisions*").contains("• Retry declined cards once, after 24 hours")
                .contains("*Action items*")
                .contains("• Write the retry job (owner: Dana, due: 2026-12-10)")
                .contains("> \u201cDana, can you write the retry job by Thursday\u201d at 00:12:41")
                .contains("1 unverified item not shown, see summary.md")
                .doesNotContain("Email every customer").doesNotContain("we will email everyone");
        assertThat(post.sections()).allSatisfy(section -> assertThat(section.length()).isLessThanOrEqualTo(3000));
    }

    @Test
    void aLongDraftIsPostedInOrderInPartsWithinSlacksLimits() throws Exception {
        String markdown = longDraft();
        try (TestHub hub = TestHub.start(dataDir, settings(CHANNEL))) {
            hub.context().createProducerTemplate().send("direct:slack-post-draft", exchange -> {
                exchange.getMessage().setBody(markdown);
                exchange.getMessage().setHeader(SlackMessages.DRAFT_TITLE, "PRD: Card retries");
                exchange.getMessage().setHeader(SlackMessages.DRAFT_FILE, "outbox/prd-card-retries.md");
            });
            TestHub.await(Duration.ofSeconds(30), "the draft to be posted", () -> pending().isEmpty()
                    && !slack.posted().isEmpty());
        }

        List<Request> posts = slack.posted();
        assertThat(posts.size()).isGreaterThan(1);
        assertThat(slack.requests("chat.postMessage")).hasSameSizeAs(posts);
        for (int i = 0; i < posts.size(); i++) {
            Request post = posts.get(i);
            assertThat(post.sections()).isNotEmpty().hasSizeLessThanOrEqualTo(SlackMessages.SECTIONS_PER_MESSAGE);
            assertThat(post.sections()).allSatisfy(section -> assertThat(section.length()).isLessThanOrEqualTo(3000));
            assertThat(post.param("text")).isEqualTo("PRD: Card retries (part " + (i + 1) + " of " + posts.size()
                    + ")");
        }
        String shown = String.join("\n", posts.stream().map(Request::shown).toList());
        // Nothing lost, nothing out of order: every word of the converted draft, in order.
        String expected = new MrkdwnConverter().convert(markdown);
        assertThat(SlackMrkdwnTest.words(shown)).isEqualTo(SlackMrkdwnTest.words(expected));
        assertThat(shown).startsWith("*PRD: Card retries*")
                .contains("*Section 7: Rollout*")
                .contains("<https://example.com/spec/7|spec 7>")
                .contains("• Point 7.3 is _important_")
                .doesNotContain("**").doesNotContain("## ").doesNotContain("](");
        int section7 = shown.indexOf("*Section 7: Rollout*");
        assertThat(shown.indexOf("*Section 6: Rollout*")).isBetween(0, section7);
    }

    @Test
    void withoutATokenNothingIsSent() throws Exception {
        Properties settings = settings(CHANNEL);
        settings.setProperty("teammate.slack.token", "");
        try (TestHub hub = TestHub.start(dataDir, settings)) {
            Exchange reply = postSummary(hub, summaryJson());
            hub.context().createProducerTemplate().sendBodyAndHeader("direct:slack-post-draft", "# Weekly wins\n\nA.",
                    SlackMessages.DRAFT_TITLE, "Weekly wins");
            Thread.sleep(1000);

            assertThat(reply.getMessage().getBody(String.class)).isEqualTo("the caller's body");
            assertThat(pending()).isEmpty();
        }
        assertThat(slack.requests()).isEmpty();
    }

    @Test
    void aRateLimitedPostWaitsTheSecondsOfRetryAfterAndIsPostedOnce() throws Exception {
        slack.failNext("chat.postMessage", 1, Failure.rateLimited(2));
        try (TestHub hub = TestHub.start(dataDir, settings(CHANNEL))) {
            postSummary(hub, summaryJson());
            awaitPosted(1);
            Thread.sleep(300);
        }

        List<Request> tries = slack.requests("chat.postMessage");
        assertThat(tries).hasSize(2);
        assertThat(tries.get(0).status()).isEqualTo(429);
        assertThat(Duration.between(tries.get(0).arrived(), tries.get(1).arrived()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(slack.posted()).hasSize(1);
        assertThat(log.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("rate limiting chat.postMessage (HTTP 429); waiting 2 s"));
    }

    @Test
    void aPostIsKeptWhileSlackIsDownOrFailingAndPostedOnceItIsBack() throws Exception {
        try (TestHub hub = TestHub.start(dataDir, settings(CHANNEL))) {
            slack.down();
            postSummary(hub, summaryJson());

            JsonNode kept = awaitKeptWith("cannot reach Slack at " + slack.serverUrl());
            assertThat(kept.path("post").path("what").asText()).isEqualTo("summary of file:checkout-sync.vtt");
            LedgerEntry waiting = waitingEntry(hub);
            assertThat(waiting.reason()).contains("cannot reach Slack");

            slack.failNext("chat.postMessage", 2, Failure.serverError(503));
            slack.up();
            awaitKeptWith("Slack answered HTTP 503 to chat.postMessage");
            awaitPosted(1);
            awaitNothingPending();
            TestHub.await(Duration.ofSeconds(5), "the ledger entry to go",
                    () -> hub.ledger().list(SlackOutbox.SOURCE, null, 0, 10).isEmpty());
        }
        assertThat(slack.posted()).hasSize(1);
        assertThat(slack.requests("chat.postMessage")).hasSize(3);
    }

    @Test
    void aWrongChannelOrTokenIsKeptWithAReasonThatNamesTheFix() throws Exception {
        try (TestHub hub = TestHub.start(dataDir, settings("#no-such-channel"))) {
            postSummary(hub, summaryJson());
            JsonNode kept = awaitKeptWith("teammate.slack.channel");
            assertThat(kept.path("reason").asText()).contains("/invite").contains("channel_not_found");
            assertThat(kept.path("kind").asText()).isEqualTo("SETUP");
            assertThat(waitingEntry(hub).reason()).contains("teammate.slack.channel");

            // A setup error is tried again slowly (setup-retry-ms), not at every tick.
            Thread.sleep(800);
            assertThat(slack.requests("chat.postMessage")).hasSize(1);
        }

        slack.channel("private-team", "C0PRIVATE1", false);
        Files.delete(pending().get(0));
        try (TestHub hub = TestHub.start(dataDir, settings("#private-team"))) {
            postSummary(hub, summaryJson());
            JsonNode kept = awaitKeptWith("not_in_channel");
            assertThat(kept.path("reason").asText()).contains("invite it with /invite");
        }

        Files.delete(pending().get(0));
        Properties wrongToken = settings(CHANNEL);
        wrongToken.setProperty("teammate.slack.token", "xoxb-0000-revoked-token-value");
        try (TestHub hub = TestHub.start(dataDir, wrongToken)) {
            postSummary(hub, summaryJson());
            JsonNode kept = awaitKeptWith("invalid_auth");
            assertThat(kept.path("reason").asText()).contains("check TEAMMATE_SLACK_BOT_TOKEN");
        }
        assertThat(slack.posted()).isEmpty();
        assertThat(log.list).noneSatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("xoxb-0000-revoked-token-value"));
    }

    @Test
    void aPostKeptForAWrongChannelGoesOutAfterARestartWithTheRightOne() throws Exception {
        try (TestHub hub = TestHub.start(dataDir, settings("#no-such-channel"))) {
            postSummary(hub, summaryJson());
            awaitKeptWith("channel_not_found");
        }
        try (TestHub hub = TestHub.start(dataDir, settings(CHANNEL))) {
            awaitPosted(1);
            awaitNothingPending();
        }
        assertThat(slack.posted().get(0).param("channel")).isEqualTo(CHANNEL);
    }

    private Exchange postSummary(TestHub hub, Path summary) {
        return hub.context().createProducerTemplate().request("direct:slack-meeting-summary", exchange -> {
            exchange.getMessage().setBody("the caller's body");
            exchange.getMessage().setHeader(SlackMessages.SUMMARY_FILE, summary.toString());
        });
    }

    private void awaitPosted(int count) {
        TestHub.await(Duration.ofSeconds(30), count + " posts", () -> slack.posted().size() >= count);
    }

    private void awaitNothingPending() {
        TestHub.await(Duration.ofSeconds(10), "no post pending", () -> pending().isEmpty());
    }

    private JsonNode awaitKeptWith(String reason) {
        JsonNode[] kept = new JsonNode[1];
        TestHub.await(Duration.ofSeconds(30), "a kept post with the reason '" + reason + "'", () -> {
            List<Path> files = pending();
            if (files.isEmpty()) {
                return false;
            }
            try {
                kept[0] = JSON.readTree(files.get(0).toFile());
            } catch (IOException e) {
                return false;
            }
            return kept[0].path("reason").asText().contains(reason);
        });
        return kept[0];
    }

    private static LedgerEntry waitingEntry(TestHub hub) {
        List<LedgerEntry> entries = hub.ledger().list(SlackOutbox.SOURCE, ItemStatus.WAITING, 0, 10);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private List<Path> pending() {
        Path folder = dataDir.resolve("slack").resolve("pending");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".json") && !file.getFileName().toString()
                    .startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A summary.json as the summary stage writes it: one verified action item, one unverified. */
    private Path summaryJson() throws IOException {
        String json = """
                {
                  "item" : "file:checkout-sync.vtt",
                  "title" : "Checkout sync",
                  "version" : "abc123",
                  "link" : "https://meet.example.com/rec/42",
                  "made" : "tier small",
                  "summary" : "We agreed to retry declined cards once, a day later, and to measure recovered revenue.",
                  "speakers" : [ { "name" : "Dana", "points" : [ "owns the retry job" ] } ],
                  "decisions" : [ "Retry declined cards once, after 24 hours" ],
                  "action_items" : [ {
                    "what" : "Write the retry job",
                    "owner" : "Dana",
                    "due" : "2026-12-10",
                    "quote" : "Dana, can you write the retry job by Thursday",
                    "time" : "00:12:41"
                  } ],
                  "unverified_action_items" : [ {
                    "what" : "Email every customer about retries",
                    "owner" : "Sam",
                    "due" : null,
                    "quote" : "we will email everyone",
                    "time" : null,
                    "note" : "the quote is not in the transcript"
                  } ]
                }
                """;
        Path file = meetings.resolve("summary.json");
        Files.writeString(file, json);
        return file;
    }

    /** About 25,000 characters of Markdown in twelve sections. */
    private static String longDraft() {
        StringBuilder md = new StringBuilder("# PRD: Card retries\n\n");
        for (int section = 1; section <= 12; section++) {
            md.append("## Section ").append(section).append(": Rollout\n\n");
            for (int paragraph = 1; paragraph <= 4; paragraph++) {
                md.append("Paragraph ").append(section).append('.').append(paragraph).append(" explains **why** ")
                        .append("retries matter, with the [spec ").append(section).append("](https://example.com/spec/")
                        .append(section).append(") in hand. ")
                        .append("Declined cards recover often when tried again a day later. ".repeat(4)).append("\n\n");
            }
            for (int point = 1; point <= 3; point++) {
                md.append("- Point ").append(section).append('.').append(point).append(" is *important*\n");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
