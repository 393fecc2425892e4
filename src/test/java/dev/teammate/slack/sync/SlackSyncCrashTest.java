package dev.teammate.slack.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teammate.hub.HubProcess;
import dev.teammate.hub.TestHub;
import dev.teammate.slack.FakeSlackServer;
import dev.teammate.slack.FakeSlackWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import static dev.teammate.slack.sync.SlackSyncFixture.ENG;
import static dev.teammate.slack.sync.SlackSyncFixture.PRODUCT;
import static dev.teammate.slack.sync.SlackSyncFixture.USERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub as users run it, killed (SIGKILL) in the middle of a first sync, the workspace changed at random while it
 * is down, and started again: once its next sync is done it holds exactly the channels' current threads.
 */
class SlackSyncCrashTest {

    private static final List<String> CONFIGURED = List.of(ENG, PRODUCT);
    private static final int THREADS = 120;

    @TempDir
    Path home;

    @Test
    void aHubKilledMidSyncHoldsExactlyTheChannelsAfterItsNextSync() throws Exception {
        for (long seed = 101; seed <= 102; seed++) {
            runSeed(seed, home.resolve("seed-" + seed));
        }
    }

    private void runSeed(long seed, Path hubHome) throws Exception {
        Random random = new Random(seed);
        List<String> operations = new ArrayList<>();
        int[] marks = {10_000};
        try (SlackSyncFixture slack = SlackSyncFixture.start()) {
            FakeSlackWorkspace workspace = slack.workspace;
            for (int i = 0; i < THREADS; i++) {
                String channel = i % 3 == 0 ? PRODUCT : ENG;
                String parent = workspace.post(channel, USERS[i % 4], "q" + ++marks[0] + "v1 thread " + i
                        + " about the quarterly roadmap");
                for (int r = 0; r < random.nextInt(3); r++) {
                    workspace.reply(channel, parent, USERS[(i + r + 1) % 4], "q" + ++marks[0] + "v1 reply " + r);
                }
            }
            Properties settings = slack.hubSettings("#eng,#product");
            settings.setProperty("teammate.slack.sync.interval-ms", "500");
            settings.setProperty("teammate.slack.sync.initial-delay-ms", "0");
            // Slow enough to be killed in the middle: about 6 threads a second.
            settings.setProperty("teammate.slack.sync.replies-per-minute", "600");
            settings.setProperty("teammate.slack.sync.history-per-minute", "600");

            try (HubProcess hub = HubProcess.start(hubHome, options(settings))) {
                hub.awaitReady(System.nanoTime(), Duration.ofMinutes(2));
                TestHub.await(Duration.ofSeconds(90), "some threads to be indexed", () -> count(hub.port()) >= 15);
                long indexed = count(hub.port());
                hub.kill();
                operations.add("killed with " + indexed + " threads indexed");
                assertThat(indexed).as("killed in the middle of the first sync").isLessThan(THREADS);
            }
            for (int i = 0; i < 12; i++) {
                String operation = SlackSyncPropertyTest.step(random, workspace, marks);
                if (!operation.equals("sync") && !operation.equals("recheck") && !operation.equals("restart")) {
                    operations.add(operation);
                }
            }

            settings.setProperty("teammate.slack.sync.recheck-minutes", "0");
            settings.setProperty("teammate.slack.sync.replies-per-minute", "0");
            settings.setProperty("teammate.slack.sync.history-per-minute", "0");
            Instant restarted = Instant.now();
            try (HubProcess hub = HubProcess.start(hubHome, options(settings))) {
                hub.awaitReady(System.nanoTime(), Duration.ofMinutes(2));
                TestHub.await(Duration.ofSeconds(120), "a complete sync after the restart",
                        () -> succeededSince(hub.port(), restarted));
                List<String> differences = slack.differences(hub.port(), CONFIGURED,
                        Instant.now().minus(Duration.ofDays(90)));
                if (!differences.isEmpty()) {
                    throw new AssertionError("seed " + seed + ": " + differences + "\noperations:\n  "
                            + String.join("\n  ", operations) + "\nlog:\n" + hub.log());
                }
                assertThat(hub.log()).doesNotContain(FakeSlackServer.TOKEN);
            }
        }
    }

    private static String[] options(Properties settings) {
        List<String> options = new ArrayList<>();
        for (Map.Entry<Object, Object> setting : settings.entrySet()) {
            options.add("-D" + setting.getKey() + "=" + setting.getValue());
        }
        return options.toArray(String[]::new);
    }

    private static long count(int port) {
        try {
            return SlackSyncFixture.get(port, "/api/items?source=slack&limit=1000").get("items").size();
        } catch (Exception | AssertionError e) {
            return -1;
        }
    }

    private static boolean succeededSince(int port, Instant since) {
        try {
            JsonNode status = SlackSyncFixture.slackStatus(port);
            return !status.get("last_success").isNull()
                    && Instant.parse(status.get("last_success").asText()).isAfter(since)
                    && status.get("errors_in_a_row").asInt() == 0;
        } catch (Exception | AssertionError e) {
            return false;
        }
    }
}
