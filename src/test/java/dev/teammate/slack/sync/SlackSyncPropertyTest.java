package dev.teammate.slack.sync;

import dev.teammate.hub.TestHub;
import dev.teammate.slack.FakeSlackWorkspace;
import dev.teammate.slack.FakeSlackWorkspace.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import static dev.teammate.slack.sync.SlackSyncFixture.ENG;
import static dev.teammate.slack.sync.SlackSyncFixture.PRODUCT;
import static dev.teammate.slack.sync.SlackSyncFixture.RANDOM;
import static dev.teammate.slack.sync.SlackSyncFixture.USERS;

/**
 * For many seeds, a random sequence of posts, replies, edits, deletions, quick syncs, rechecks and hub restarts;
 * after a final recheck the hub must hold exactly the configured channels' current threads: every thread at its
 * current text, nothing deleted or edited away, nothing twice, no chunk left over. A failure names the seed and the
 * operations, so it can be replayed.
 */
class SlackSyncPropertyTest {

    private static final int SEEDS = 25;
    private static final int OPERATIONS = 30;
    private static final List<String> CONFIGURED = List.of(ENG, PRODUCT);

    @TempDir
    Path dataDir;

    @Test
    void theHubHoldsExactlyTheChannelsAfterAnySequenceOfChangesSyncsAndRestarts() throws Exception {
        for (long seed = 1; seed <= SEEDS; seed++) {
            runSeed(seed);
        }
    }

    private void runSeed(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> operations = new ArrayList<>();
        int[] marks = {0};
        try (SlackSyncFixture slack = SlackSyncFixture.start()) {
            FakeSlackWorkspace workspace = slack.workspace;
            Properties settings = slack.hubSettings("#eng, #product");
            Path data = dataDir.resolve("seed-" + seed);
            TestHub hub = TestHub.start(data, settings);
            try {
                for (int i = 0; i < OPERATIONS; i++) {
                    String operation = step(random, workspace, marks);
                    if (operation.equals("sync")) {
                        SlackSyncFixture.sync(hub, false);
                    } else if (operation.equals("recheck")) {
                        SlackSyncFixture.sync(hub, true);
                    } else if (operation.equals("restart")) {
                        hub.close();
                        hub = TestHub.start(data, settings);
                    }
                    operations.add(operation);
                }
                SlackSyncFixture.sync(hub, true);
                operations.add("final recheck");
                List<String> differences = slack.differences(hub.port(), CONFIGURED,
                        Instant.now().minus(Duration.ofDays(90)));
                if (!differences.isEmpty()) {
                    throw new AssertionError("seed " + seed + ": " + differences + "\noperations:\n  "
                            + String.join("\n  ", operations));
                }
            } finally {
                hub.close();
            }
        }
    }

    /** Does one random change to the workspace, or names a sync or restart for the caller to do. */
    static String step(Random random, FakeSlackWorkspace workspace, int[] marks) {
        String[] channels = {ENG, ENG, PRODUCT, RANDOM};
        String channel = channels[random.nextInt(channels.length)];
        String user = USERS[random.nextInt(USERS.length)];
        int roll = random.nextInt(100);
        List<Message> topLevel = workspace.topLevel(channel).stream().filter(m -> !m.text().contains("deleted."))
                .toList();
        List<Message> messages = workspace.messages(channel);
        if (roll < 25 || messages.isEmpty()) {
            String text = text(random, marks);
            return "post " + channel + " " + workspace.post(channel, user, text) + " " + text;
        }
        if (roll < 50 && !topLevel.isEmpty()) {
            Message parent = topLevel.get(random.nextInt(topLevel.size()));
            String text = text(random, marks);
            return "reply " + channel + " " + parent.ts() + " " + workspace.reply(channel, parent.ts(), user, text)
                    + " " + text;
        }
        if (roll < 62) {
            Message message = messages.get(random.nextInt(messages.size()));
            String text = text(random, marks);
            workspace.edit(channel, message.ts(), text);
            return "edit " + channel + " " + message.ts() + " " + text;
        }
        if (roll < 72) {
            Message message = messages.get(random.nextInt(messages.size()));
            workspace.delete(channel, message.ts());
            return "delete " + channel + " " + message.ts();
        }
        if (roll < 85) {
            return "sync";
        }
        if (roll < 93) {
            return "recheck";
        }
        return "restart";
    }

    private static String text(Random random, int[] marks) {
        String[] words = {"release", "incident", "roadmap", "customer", "pricing", "onboarding", "retro", "deploy"};
        StringBuilder text = new StringBuilder("q" + ++marks[0] + "v1");
        for (int i = 0; i < 3 + random.nextInt(6); i++) {
            text.append(' ').append(words[random.nextInt(words.length)]);
        }
        if (random.nextInt(5) == 0) {
            text.append(" cc <@").append(USERS[random.nextInt(USERS.length)]).append('>');
        }
        return text.toString();
    }
}
