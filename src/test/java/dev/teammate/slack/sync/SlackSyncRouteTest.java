package dev.teammate.slack.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teammate.hub.TestHub;
import dev.teammate.ledger.LedgerEntry;
import dev.teammate.slack.FakeSlackServer;
import dev.teammate.slack.FakeSlackServer.Failure;
import dev.teammate.slack.FakeSlackServer.Request;
import dev.teammate.slack.FakeSlackWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.teammate.slack.sync.SlackSyncFixture.ENG;
import static dev.teammate.slack.sync.SlackSyncFixture.PRODUCT;
import static dev.teammate.slack.sync.SlackSyncFixture.USERS;
import static dev.teammate.slack.sync.SlackSyncFixture.sync;
import static org.assertj.core.api.Assertions.assertThat;

/** Slack channels synced by a whole hub from the fake Slack Web API, through routes/slack-sync.yaml. */
class SlackSyncRouteTest {

    @TempDir
    Path dataDir;

    private SlackSyncFixture slack;
    private FakeSlackWorkspace workspace;
    private FakeSlackServer server;

    @BeforeEach
    void startSlack() {
        slack = SlackSyncFixture.start();
        workspace = slack.workspace;
        server = slack.server;
    }

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void theFirstSyncReadsTheWindowOnlyAndAThreadBecomesOneItemWithNames() throws Exception {
        workspace.postAt(ENG, USERS[0], "q1v1 the ancient budget talk", Instant.now().minus(Duration.ofDays(100)));
        String parent = workspace.post(ENG, USERS[0], "q2v1 Release plan for the mobile app, first draft");
        workspace.reply(ENG, parent, USERS[1], "q3v1 <@U0ADA0001> agreed, we ship on Friday");
        String last = workspace.reply(ENG, parent, USERS[2], "q4v1 the tests are green");
        String lone = workspace.post(ENG, USERS[3], "q5v1 lunch at noon");
        workspace.post(PRODUCT, USERS[3], "q6v1 pricing page notes in a channel not configured");

        try (TestHub hub = TestHub.start(dataDir, slack.hubSettings("#eng"))) {
            sync(hub, false);

            List<String> items = new ArrayList<>();
            hub.ledger().list("slack", null, 0, 100).forEach(e -> items.add(e.itemId()));
            assertThat(items).containsExactlyInAnyOrder("slack:" + ENG + ":" + parent, "slack:" + ENG + ":" + lone);

            LedgerEntry thread = hub.entry("slack:" + ENG + ":" + parent).orElseThrow();
            assertThat(thread.title()).isEqualTo("#eng: q2v1 Release plan for the mobile app, first…");
            assertThat(thread.link()).isEqualTo(SlackSyncFixture.WORKSPACE_URL + "/archives/" + ENG + "/p"
                    + parent.replace(".", ""));
            assertThat(thread.itemTime()).as("the latest reply's time").isEqualTo(SlackTs.parse(last).instant());
            String text = String.join("\n", SlackSyncFixture.chunkTexts(hub.port(), thread.itemId()));
            assertThat(text).contains("Ada: q2v1 Release plan", "Grace: q3v1 @Ada agreed, we ship on Friday",
                    "Linus: q4v1 the tests are green");
            assertThat(slack.differences(hub.port(), List.of(ENG), Instant.now().minus(Duration.ofDays(90))))
                    .isEmpty();

            Request history = server.requests("conversations.history").get(0);
            double oldest = Double.parseDouble(history.param("oldest"));
            assertThat(oldest).isCloseTo(Instant.now().minus(Duration.ofDays(90)).getEpochSecond(),
                    org.assertj.core.data.Offset.offset(120.0));
            assertThat(server.requests("users.info")).as("each of the four names is looked up once").hasSize(4);

            JsonNode status = SlackSyncFixture.slackStatus(hub.port());
            assertThat(status.get("enabled").asBoolean()).isTrue();
            assertThat(status.get("last_success").isNull()).isFalse();
            assertThat(status.get("last_changed").asInt()).isEqualTo(2);
            assertThat(status.get("items").get("indexed").asInt()).isEqualTo(2);
        }
    }

    @Test
    void editsDeletionsAndNewRepliesToOlderThreadsAreFollowedByARecheck() throws Exception {
        String parent = workspace.post(ENG, USERS[0], "q1v1 Onboarding checklist for new engineers");
        String reply = workspace.reply(ENG, parent, USERS[1], "q2v1 add the VPN setup");
        String other = workspace.reply(ENG, parent, USERS[2], "q3v1 and the laptop order");
        String lone = workspace.post(ENG, USERS[3], "q4v1 standup moves to ten");
        String doomed = workspace.post(ENG, USERS[0], "q5v1 a thread that will go entirely");
        String doomedReply = workspace.reply(ENG, doomed, USERS[1], "q6v1 its only reply");

        try (TestHub hub = TestHub.start(dataDir, slack.hubSettings("#eng"))) {
            sync(hub, false);
            String threadId = "slack:" + ENG + ":" + parent;
            String firstVersion = hub.entry(threadId).orElseThrow().version();

            workspace.edit(ENG, parent, "q1v2 Onboarding checklist, revised after the retro");
            sync(hub, false);
            assertThat(hub.entry(threadId).orElseThrow().version()).as("a quick sync reads after the cursor only")
                    .isEqualTo(firstVersion);
            sync(hub, true);
            assertThat(hub.entry(threadId).orElseThrow().version()).isNotEqualTo(firstVersion);
            assertThat(hits(hub, "q1v2")).containsExactly(threadId);
            assertThat(hits(hub, "q1v1")).isEmpty();

            workspace.edit(ENG, reply, "q2v2 add the VPN setup and the badge");
            workspace.delete(ENG, other);
            workspace.reply(ENG, parent, USERS[3], "q7v1 a late answer to an older thread");
            workspace.delete(ENG, lone);
            workspace.delete(ENG, doomed);
            sync(hub, true);
            String text = String.join("\n", SlackSyncFixture.chunkTexts(hub.port(), threadId));
            assertThat(text).contains("q2v2", "q7v1").doesNotContain("q2v1", "q3v1");
            assertThat(hub.entry("slack:" + ENG + ":" + lone)).as("a deleted message without replies").isEmpty();
            assertThat(SlackSyncFixture.chunkTexts(hub.port(), "slack:" + ENG + ":" + doomed))
                    .as("a deleted parent leaves its replies").singleElement().asString().contains("q6v1")
                    .doesNotContain("q5v1");

            workspace.delete(ENG, doomedReply);
            sync(hub, true);
            assertThat(hub.entry("slack:" + ENG + ":" + doomed)).as("a thread whose messages are all gone").isEmpty();
            assertThat(slack.differences(hub.port(), List.of(ENG), Instant.now().minus(Duration.ofDays(90))))
                    .isEmpty();
        }
    }

    @Test
    void aNewMessageIsPickedUpAndASyncWithNothingNewCostsOneRequestPerChannel() throws Exception {
        String parent = workspace.post(ENG, USERS[0], "q1v1 Incident review for the outage");
        workspace.reply(ENG, parent, USERS[1], "q2v1 the root cause was the cache");
        workspace.post(PRODUCT, USERS[2], "q3v1 Roadmap for the next quarter");

        try (TestHub hub = TestHub.start(dataDir, slack.hubSettings("#eng, #product"))) {
            sync(hub, false);
            String fresh = workspace.post(ENG, USERS[0], "q4v1 a new message after the first sync");
            server.clearRequests();
            sync(hub, false);
            assertThat(hub.entry("slack:" + ENG + ":" + fresh)).isPresent();
            assertThat(server.requests()).extracting(Request::method)
                    .containsExactly("conversations.history", "conversations.history");

            server.clearRequests();
            sync(hub, false);
            List<Request> requests = server.requests();
            assertThat(requests).as("nothing new: one request per channel").hasSize(2);
            assertThat(requests).extracting(r -> r.param("channel")).containsExactlyInAnyOrder(ENG, PRODUCT);
            assertThat(requests.stream().filter(r -> r.param("channel").equals(ENG)).findFirst().orElseThrow()
                    .param("oldest")).as("read from the cursor, the newest message stored").isEqualTo(fresh);
            assertThat(SlackSyncFixture.slackStatus(hub.port()).get("last_changed").asInt()).isZero();
        }
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSays() throws Exception {
        workspace.post(ENG, USERS[0], "q1v1 Design review notes");
        server.failNext("conversations.history", 1, Failure.rateLimited(1));

        try (TestHub hub = TestHub.start(dataDir, slack.hubSettings("#eng"))) {
            sync(hub, false);
            List<Request> history = server.requests("conversations.history");
            assertThat(history).hasSize(2);
            assertThat(history.get(0).status()).isEqualTo(429);
            assertThat(Duration.between(history.get(0).arrived(), history.get(1).arrived()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(hub.ledger().list("slack", null, 0, 10)).hasSize(1);
            assertThat(SlackSyncFixture.slackStatus(hub.port()).get("errors_in_a_row").asInt()).isZero();
        }
    }

    @Test
    void aHubPacedLikeTheServerNeverMeetsItsRateLimit() throws Exception {
        for (int i = 0; i < 45; i++) {
            workspace.post(ENG, USERS[i % 4], "q" + i + "v1 message number " + i);
        }
        server.limitRate("conversations.history", Duration.ofMillis(250));
        Properties settings = slack.hubSettings("#eng");
        settings.setProperty("teammate.slack.sync.history-per-minute", "200");

        try (TestHub hub = TestHub.start(dataDir, settings)) {
            sync(hub, false);
            List<Request> history = server.requests("conversations.history");
            assertThat(history).as("45 messages, 20 a page").hasSize(3).allMatch(Request::ok);
            assertThat(hub.ledger().list("slack", null, 0, 100)).hasSize(45);
        }
    }

    @Test
    void aServerErrorMidSyncKeepsTheCursorBehindWhatIsStoredAndTheNextSyncCompletes() throws Exception {
        List<String> parents = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String parent = workspace.post(ENG, USERS[i % 4], "q" + i + "v1 thread number " + i);
            workspace.reply(ENG, parent, USERS[(i + 1) % 4], "q" + (100 + i) + "v1 reply to thread " + i);
            parents.add(parent);
        }
        AtomicInteger calls = new AtomicInteger();
        server.handle("conversations.replies", call -> {
            if (calls.incrementAndGet() == 12) {
                server.failNext("conversations.replies", 10, Failure.serverError(503));
            }
            return workspace.serve("conversations.replies", call);
        });

        try (TestHub hub = TestHub.start(dataDir, slack.hubSettings("#eng"))) {
            sync(hub, false);
            JsonNode status = SlackSyncFixture.slackStatus(hub.port());
            assertThat(status.get("errors_in_a_row").asInt()).isEqualTo(1);
            assertThat(status.get("last_error").asText()).contains("conversations.replies", "HTTP 503");
            SlackTs cursor = ChannelCursor.parse(hub.ledger().cursor("slack#" + ENG).orElseThrow()).orElseThrow()
                    .newest();
            int stored = hub.ledger().list("slack", null, 0, 100).size();
            assertThat(stored).isBetween(1, 29);
            for (String parent : parents) {
                if (!SlackTs.parse(parent).isAfter(cursor)) {
                    assertThat(hub.entry("slack:" + ENG + ":" + parent)).as("stored up to the cursor").isPresent();
                }
            }
            assertThat(SlackTs.parse(parents.get(29)).isAfter(cursor)).isTrue();

            sync(hub, false);
            assertThat(SlackSyncFixture.slackStatus(hub.port()).get("errors_in_a_row").asInt()).isZero();
            assertThat(slack.differences(hub.port(), List.of(ENG), Instant.now().minus(Duration.ofDays(90))))
                    .isEmpty();
        }
    }

    @Test
    void anExpiredTokenIsReportedWithWhatToCheckAndTheHubGoesOn() throws Exception {
        workspace.post(ENG, USERS[0], "q1v1 Planning notes");
        try (TestHub hub = TestHub.start(dataDir, slack.hubSettings("#eng"))) {
            sync(hub, false);
            String cursorBefore = hub.ledger().cursor("slack#" + ENG).orElseThrow();
            String fresh = workspace.post(ENG, USERS[1], "q2v1 more planning");
            server.failNext("conversations.history", 1, Failure.error("token_expired"));
            sync(hub, false);

            JsonNode status = SlackSyncFixture.slackStatus(hub.port());
            assertThat(status.get("errors_in_a_row").asInt()).isEqualTo(1);
            assertThat(status.get("last_error").asText()).contains("token_expired", "TEAMMATE_SLACK_BOT_TOKEN")
                    .doesNotContain(FakeSlackServer.TOKEN);
            assertThat(status.get("next_attempt").isNull()).isFalse();
            assertThat(server.requests("conversations.history")).as("a refused token is not retried").hasSize(2);
            assertThat(hub.ledger().cursor("slack#" + ENG).orElseThrow()).isEqualTo(cursorBefore);
            assertThat(hub.get("/api/health").statusCode()).isEqualTo(200);

            sync(hub, false);
            assertThat(hub.entry("slack:" + ENG + ":" + fresh)).isPresent();
            assertThat(SlackSyncFixture.slackStatus(hub.port()).get("last_error").isNull()).isTrue();
        }
    }

    @Test
    void aChannelTakenOutOfTheConfigurationLosesItsItems() throws Exception {
        workspace.post(ENG, USERS[0], "q1v1 eng stays");
        workspace.post(PRODUCT, USERS[1], "q2v1 product goes");
        try (TestHub hub = TestHub.start(dataDir, slack.hubSettings("#eng,#product"))) {
            sync(hub, false);
            assertThat(hub.ledger().list("slack", null, 0, 10)).hasSize(2);
        }
        try (TestHub hub = TestHub.start(dataDir, slack.hubSettings(ENG))) {
            sync(hub, false);
            assertThat(hub.ledger().list("slack", null, 0, 10)).extracting(LedgerEntry::itemId)
                    .allMatch(id -> id.startsWith("slack:" + ENG + ":")).hasSize(1);
            assertThat(hub.ledger().cursor("slack#" + PRODUCT).orElse("")).as("read anew if added back").isEmpty();
            assertThat(slack.differences(hub.port(), List.of(ENG), Instant.now().minus(Duration.ofDays(90))))
                    .isEmpty();
        }
    }

    @Test
    void withoutChannelsTheSourceIsListedAsOff() throws Exception {
        Properties settings = slack.hubSettings("");
        try (TestHub hub = TestHub.start(dataDir, settings)) {
            sync(hub, false);
            JsonNode status = SlackSyncFixture.slackStatus(hub.port());
            assertThat(status.get("enabled").asBoolean()).isFalse();
            assertThat(status.get("description").asText()).contains("teammate.slack.sync.channels");
            assertThat(server.requests()).isEmpty();
        }
    }

    private static List<String> hits(TestHub hub, String word) throws Exception {
        List<String> ids = new ArrayList<>();
        SlackSyncFixture.get(hub.port(), "/api/search?mode=keyword&k=10&source=slack&q=" + word).get("results")
                .forEach(hit -> ids.add(hit.get("item_id").asText()));
        return ids;
    }
}
