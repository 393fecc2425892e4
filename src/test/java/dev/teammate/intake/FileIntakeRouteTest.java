package dev.teammate.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teammate.audio.TestRecordings;
import dev.teammate.hub.HubRouteTestSupport;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.LedgerEntry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The file-drop route: what happens to each kind of file dropped into the inbox. */
class FileIntakeRouteTest extends HubRouteTestSupport {

    @Test
    void documentIsIndexedAndMovedToDone() throws Exception {
        hub.dropAndWait("notes/payments.md", """
                # Payment retries

                The payments team decided to retry failed card charges three times before giving up.

                Ticket PAY-1432 tracks the retry logic.
                """);

        LedgerEntry entry = hub.entry("file:notes/payments.md").orElseThrow();
        assertThat(entry.status()).isEqualTo(ItemStatus.INDEXED);
        assertThat(entry.chunkIds()).isNotEmpty();
        assertThat(hub.store().chunkIds("file:notes/payments.md")).isEqualTo(entry.chunkIds());
        assertThat(hub.done().resolve("notes/payments.md")).exists();
        assertThat(entry.link()).isEqualTo(hub.done().resolve("notes/payments.md").toUri().toString());

        JsonNode results = hub.search("PAY-1432", 3).get("results");
        assertThat(results.get(0).get("item_id").asText()).isEqualTo("file:notes/payments.md");
    }

    @Test
    void transcriptKeepsSpeakersAndTimes() throws Exception {
        hub.dropAndWait("standup.vtt", """
                WEBVTT

                1
                00:00:01.000 --> 00:00:04.000
                <v Alice Chen>Good morning, let's start with the billing migration.

                2
                00:41:07.000 --> 00:41:12.500
                <v Bob Ortiz>I will ship the invoice export by Friday.
                """);

        assertThat(hub.status("file:standup.vtt")).isEqualTo(ItemStatus.INDEXED);
        JsonNode top = hub.search("who ships the invoice export", 1).get("results").get(0);
        assertThat(top.get("item_id").asText()).isEqualTo("file:standup.vtt");
        assertThat(top.get("text").asText()).contains("Bob Ortiz").contains("invoice export");
        assertThat(top.get("start").asText()).isEqualTo("00:00:01");
        assertThat(top.get("end").asText()).isEqualTo("00:41:12");
        assertThat(top.get("end_seconds").asDouble()).isEqualTo(2472.5);
    }

    @Test
    void recordingIsQueuedForTranscriptionAndKept() throws Exception {
        Path m4a = TestRecordings.convert(TestRecordings.jfk(), dataDir.resolve("made/weekly.m4a"), "-c:a", "aac");
        byte[] audio = Files.readAllBytes(m4a);
        hub.dropAndWait("meetings/weekly sync.m4a", audio);

        LedgerEntry entry = hub.entry("file:meetings/weekly sync.m4a").orElseThrow();
        assertThat(entry.status()).isEqualTo(ItemStatus.WAITING);
        // Queued at intake; the transcription queue's next look (every 200 ms here) may already have found no model.
        assertThat(entry.reason()).containsAnyOf("queued for transcription", "waiting for the whisper model");
        assertThat(hub.done().resolve("meetings/weekly sync.m4a")).exists().hasBinaryContent(audio);
        JsonNode waiting = hub.getJson("/api/items?status=waiting").get("items");
        assertThat(waiting).extracting(item -> item.get("id").asText())
                .containsExactly("file:meetings/weekly sync.m4a");
    }

    @Test
    void aRecordingThatIsNotAudioGoesToTheErrorFolderWithItsReason() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        hub.dropAndWait("meetings/broken.m4a", garbage);

        assertThat(hub.errors().resolve("meetings/broken.m4a")).exists().hasBinaryContent(garbage);
        assertThat(hub.errors().resolve("meetings/broken.m4a.error.txt")).content()
                .contains("broken.m4a is not a recording ffmpeg can read");
        LedgerEntry entry = hub.entry("file:meetings/broken.m4a").orElseThrow();
        assertThat(entry.status()).isEqualTo(ItemStatus.FAILED);
        assertThat(entry.reason()).contains("not a recording ffmpeg can read");
    }

    @Test
    void unsupportedFileGoesToErrorFolderWithReason() throws Exception {
        hub.dropAndWait("budget.xlsx", "not really a spreadsheet");

        assertThat(hub.errors().resolve("budget.xlsx")).exists();
        assertThat(reason("budget.xlsx")).contains("budget.xlsx").contains("not taken").contains(".docx");
        assertThat(hub.status("file:budget.xlsx")).isEqualTo(ItemStatus.FAILED);
        assertThat(hub.getJson("/api/health").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void deleteMarkerRemovesTheItem() throws Exception {
        hub.dropAndWait("roadmap.md", "The Q3 roadmap puts the mobile checkout first.");
        assertThat(hub.store().chunkIds("file:roadmap.md")).isNotEmpty();

        hub.dropAndWait("roadmap.md.delete", "");

        assertThat(hub.store().chunkIds("file:roadmap.md")).isEmpty();
        assertThat(hub.entry("file:roadmap.md")).isEmpty();
        assertThat(hub.search("mobile checkout roadmap", 5).get("results")).isEmpty();
    }

    private String reason(String relativePath) throws Exception {
        Path reasonFile = hub.errors().resolve(relativePath + FailedFileRecorder.REASON_SUFFIX);
        assertThat(reasonFile).exists();
        return Files.readString(reasonFile, StandardCharsets.UTF_8);
    }
}
