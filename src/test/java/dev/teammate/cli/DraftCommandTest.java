package dev.teammate.cli;

import dev.teammate.audio.TestRecordings;
import dev.teammate.hub.TestHub;
import dev.teammate.hub.TestHubs;
import dev.teammate.llm.FakeChatServer.Reply;
import dev.teammate.llm.FakeChatServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code draft} command, beside a running hub and without one. */
class DraftCommandTest {

    private static final String RETRIES = "Card retries trigger fraud alerts at the banks; cap them at three.";

    @TempDir
    Path dataDir;

    private FakeChatServer server;

    @BeforeEach
    void startServer() {
        server = FakeChatServer.start();
        server.answer(request -> Reply.text("# Cap card retries\n\n**Context**: fraud alerts [1]."));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Properties settings(int port) {
        Properties settings = server.tierSettings();
        settings.setProperty("teammate.data.dir", dataDir.toString());
        settings.setProperty("teammate.bin.dir", TestRecordings.BIN_DIR.toString());
        settings.setProperty("teammate.summarize.poll-ms", "600000");
        settings.setProperty("camel.server.port", String.valueOf(port));
        return settings;
    }

    private static String run(Properties settings, String... args) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = DraftCommand.run(args, settings, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        return out;
    }

    @Test
    void withoutAHubItDraftsFromTheHubsDataItself() throws Exception {
        Properties settings = settings(TestHubs.freePort());
        try (TestHub hub = TestHub.start(dataDir, settings)) {
            hub.dropAndWait("payments/retries.md", RETRIES);
        }

        String out = run(settings, "ticket", "cap", "card", "retries");

        assertThat(out).contains("# Cap card retries", "**Sources**", "retries.md", "Written to ");
        assertThat(server.requests().get(0).userText()).contains("Topic: cap card retries", "fraud alerts");
        try (var files = Files.list(dataDir.resolve("outbox/ticket"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).singleElement().satisfies(
                    name -> assertThat(name).endsWith("-cap-card-retries.md"));
        }
    }

    @Test
    void besideARunningHubItAsksTheHub() throws Exception {
        try (TestHub hub = TestHub.start(dataDir, settings(0))) {
            hub.dropAndWait("payments/retries.md", RETRIES);

            String out = run(settings(hub.port()), "ticket", "cap", "card", "retries");
            String list = run(settings(hub.port()), "--list");

            assertThat(out).contains("# Cap card retries", "(by the running hub)");
            assertThat(list).contains("prd  Product requirements document", "weekly-wins  Weekly team wins");
        }
    }
}
