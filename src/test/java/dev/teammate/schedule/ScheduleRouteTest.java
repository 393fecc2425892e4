package dev.teammate.schedule;

import dev.teammate.hub.TestHub;
import dev.teammate.llm.FakeChatServer.Reply;
import dev.teammate.slack.FakeSlackServer;
import dev.teammate.llm.FakeChatServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled drafts of routes/schedules.yaml, on a cron of every second instead of every Friday. */
class ScheduleRouteTest {

    @TempDir
    Path dataDir;

    private FakeChatServer server;
    private FakeSlackServer slack;

    @BeforeEach
    void startServer() {
        slack = FakeSlackServer.start();
        server = FakeChatServer.start();
        server.answer(request -> Reply.text("# Weekly wins\n\n- The new checkout page shipped [1]."));
    }

    @AfterEach
    void stopServer() {
        server.close();
        slack.close();
    }

    private Properties settings(boolean weeklyWins, boolean sprintDemo) {
        Properties settings = server.tierSettings();
        settings.setProperty("teammate.summarize.poll-ms", "600000");
        settings.setProperty("teammate.schedule.weekly-wins.enabled", String.valueOf(weeklyWins));
        settings.setProperty("teammate.schedule.weekly-wins.cron", "0/1 * * * * ?");
        settings.setProperty("teammate.schedule.sprint-demo.enabled", String.valueOf(sprintDemo));
        settings.setProperty("teammate.schedule.sprint-demo.cron", "0/1 * * * * ?");
        settings.setProperty("teammate.schedule.retry-ms", "500");
        return settings;
    }

    private List<Path> outbox(String template) throws IOException {
        Path folder = dataDir.resolve("outbox").resolve(template);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".md")).toList();
        }
    }

    @Test
    void weeklyWinsAreDraftedOnTheirScheduleFromTheLastWeeksItemsAndPostedToSlack() throws Exception {
        try (TestHub hub = TestHub.start(dataDir, settings(false, false))) {
            hub.dropAndWait("wins/launch.md", "We shipped the new checkout page to all customers this week.");
        }
        Properties settings = settings(true, false);
        settings.putAll(slack.hubSettings("#team-updates"));
        try (TestHub hub = TestHub.start(dataDir, settings)) {
            TestHub.await(Duration.ofSeconds(30), "a weekly wins draft", () -> {
                try {
                    return !outbox("weekly-wins").isEmpty();
                } catch (IOException e) {
                    return false;
                }
            });
            Path draft = outbox("weekly-wins").get(0);
            assertThat(draft.getFileName().toString()).startsWith(LocalDate.now().toString());
            assertThat(Files.readString(draft)).contains("The new checkout page shipped [1]", "launch.md");
            assertThat(server.requests().get(0).userText()).contains("Time covered: the last 7 days",
                    "new checkout page");
            assertThat(outbox("sprint-demo")).isEmpty();
            TestHub.await(Duration.ofSeconds(30), "the post to Slack", () -> !slack.posted().isEmpty());
            assertThat(slack.posted().get(0).shown()).contains("Weekly wins", "The new checkout page shipped");
        }
    }

    @Test
    void aScheduledDraftWhoseModelIsDownIsTriedAgainUntilItIsBack() throws Exception {
        try (TestHub hub = TestHub.start(dataDir, settings(false, false))) {
            hub.dropAndWait("wins/launch.md", "We shipped the new checkout page to all customers this week.");
        }
        server.down();
        Properties settings = settings(true, false);
        // One run of the schedule, not one a second: a cron far in the future, fired by hand below.
        settings.setProperty("teammate.schedule.weekly-wins.cron", "0 0 0 1 1 ? 2099");
        try (TestHub hub = TestHub.start(dataDir, settings)) {
            hub.context().createProducerTemplate().asyncRequestBodyAndHeader("direct:scheduled-draft", null,
                    "TeammateDraftTemplate", "weekly-wins");
            assertThat(outbox("weekly-wins")).isEmpty();
            Thread.sleep(1200);
            server.up();

            TestHub.await(Duration.ofSeconds(30), "the draft once the model is back", () -> {
                try {
                    return !outbox("weekly-wins").isEmpty();
                } catch (IOException e) {
                    return false;
                }
            });
            Thread.sleep(1500);
            assertThat(outbox("weekly-wins")).hasSize(1);
        }
    }
}
