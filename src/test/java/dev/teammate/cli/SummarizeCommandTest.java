package dev.teammate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.audio.TestRecordings;
import dev.teammate.llm.FakeChatServer.Reply;
import dev.teammate.llm.FakeChatServer;
import dev.teammate.summarize.ScriptedMeetings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command that summarizes a folder of transcripts with the configured endpoints and prints the time per meeting,
 * run against a local OpenAI-compatible server.
 */
class SummarizeCommandTest {

    @TempDir
    Path folder;

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
        Properties settings = server.tierSettings();
        settings.setProperty("teammate.bin.dir", TestRecordings.BIN_DIR.toString());
        return settings;
    }

    private static String run(Properties settings, int expectedExit, String... args) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = SummarizeCommand.run(args, settings, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isEqualTo(expectedExit);
        return out;
    }

    @Test
    void summarizesEveryTranscriptInTheFolderAndPrintsTheTimeOfEach() throws Exception {
        Files.writeString(folder.resolve("standup.vtt"), ScriptedMeetings.meeting("standup", 12));
        Files.writeString(folder.resolve("notes.txt"), "Dana: we ship the retry budget on Friday.\n"
                + "Ravi: I will fix the retry budget before then.\n");
        Files.writeString(folder.resolve("agenda.pdf.bak"), "not a transcript");
        Path out = folder.resolve("out");
        server.answer(request -> request.userText().contains("retry budget on Friday")
                ? Reply.text(ScriptedMeetings.summaryJson("notes", List.of(
                        "I will fix the retry budget before then.", "")))
                : ScriptedMeetings.honestModel(request));

        String printed = run(settings(), 0, "--out", out.toString(), folder.toString());

        assertThat(printed).contains("Summarizing 2 meetings")
                .containsPattern("\\[1/2] notes\\.txt: \\d+\\.\\d s \\(whole transcript, model tier small;"
                        + " 1 decisions, 1 action items, 0 unverified\\)")
                .containsPattern("\\[2/2] standup\\.vtt: \\d+\\.\\d s \\(whole transcript, model tier small;"
                        + " 1 decisions, 1 action items, 0 unverified\\)")
                .containsPattern("2 of 2 meetings summarized; time per meeting: median \\d+\\.\\d s");
        JsonNode standup = new ObjectMapper().readTree(out.resolve("standup.vtt/summary.json").toFile());
        assertThat(standup.get("action_items").get(0).get("quote").asText())
                .isEqualTo("Turn 0 on standup: we look at the retry budget and who owns the next step.");
        assertThat(out.resolve("notes.txt/summary.md")).content().contains("## Decisions");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aMeetingTheEndpointCannotSummarizeIsReportedWithTheReasonAndTheOthersGoOn() throws Exception {
        Files.writeString(folder.resolve("a-retro.vtt"), ScriptedMeetings.meeting("retro", 8));
        Files.writeString(folder.resolve("b-sync.vtt"), ScriptedMeetings.meeting("sync", 8));
        server.answer(request -> request.userText().contains("on retro:") ? Reply.status(500, "model crashed")
                : ScriptedMeetings.honestModel(request));

        String printed = run(settings(), 1, folder.toString());

        assertThat(printed).contains("[1/2] a-retro.vtt: not summarized: the model endpoint did not answer")
                .containsPattern("\\[2/2] b-sync\\.vtt: \\d+\\.\\d s")
                .contains("1 of 2 meetings summarized");
        assertThat(folder.resolve("summaries/b-sync.vtt/summary.md")).exists();
        assertThat(folder.resolve("summaries/a-retro.vtt")).doesNotExist();
    }

    @Test
    void anEmptyOrMissingFolderIsAUsageError() throws Exception {
        run(settings(), 2, folder.toString());
        run(settings(), 2, folder.resolve("missing").toString());
    }
}
