package dev.teammate.transcribe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teammate.audio.TestRecordings;
import dev.teammate.hub.TestHub;
import dev.teammate.item.ItemFolders;
import dev.teammate.ledger.ItemStatus;
import dev.teammate.ledger.LedgerEntry;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recordings dropped into a running hub, over the real routes, the real ffmpeg and whisper.cpp through whisper-jni
 * with a random-weight model of tiny.en's structure. The words are junk with random weights; everything else a user
 * relies on is checked: the transcript files, the timed chunks in the store, the hand-over to the summaries, the
 * waiting for a model, the errors, and a shutdown in the middle of a recording.
 */
class TranscriptionRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TRANSCRIBED = Duration.ofMinutes(4);

    @TempDir
    Path dataDir;

    @TempDir
    Path made;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger("dev.teammate")).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger("dev.teammate")).detachAppender(log);
    }

    @Test
    void recordingsOfEveryKindAreTranscribedSavedIndexedAndHandedOn() throws Exception {
        TestModels.install(TestModels.tinyEn(), dataDir.resolve("models"), "ggml-tiny.en.bin");
        try (TestHub hub = TestHub.start(dataDir, settings())) {
            NotifyBuilder summarized = new NotifyBuilder(hub.context()).wereSentTo("direct:summarize")
                    .whenDone(4).create();

            hub.drop("calls/jfk.wav", Files.readAllBytes(TestRecordings.jfk()));
            hub.drop("calls/standup.m4a", bytes(TestRecordings.convert(TestRecordings.standup(),
                    made.resolve("standup.m4a"), "-c:a", "aac")));
            hub.drop("calls/standup.mp3", bytes(TestRecordings.convert(TestRecordings.standup(),
                    made.resolve("standup.mp3"), "-c:a", "libmp3lame")));
            hub.drop("calls/reading.mp4", bytes(TestRecordings.videoWithSound(TestRecordings.librivox().get(0),
                    made.resolve("reading.mp4"))));

            for (String id : List.of("file:calls/jfk.wav", "file:calls/standup.m4a", "file:calls/standup.mp3",
                    "file:calls/reading.mp4")) {
                TestHub.await(TRANSCRIBED, id + " to be transcribed and indexed",
                        () -> hub.status(id) == ItemStatus.INDEXED);
                assertTranscribed(hub, id);
            }
            assertThat(summarized.matches(30, TimeUnit.SECONDS)).as("every transcript reached direct:summarize")
                    .isTrue();
            assertThat(messages()).anySatisfy(line -> assertThat(line)
                    .matches("Transcribing jfk\\.wav: 0\\.2 min of 0\\.2 min \\(100%\\), [0-9.]+ RTF, about .* left"));
        }
    }

    private void assertTranscribed(TestHub hub, String id) throws Exception {
        LedgerEntry entry = hub.entry(id).orElseThrow();
        Path folder = dataDir.resolve("outputs").resolve(ItemFolders.name(id));
        JsonNode json = JSON.readTree(folder.resolve("transcript.json").toFile());
        double audio = json.get("audioSeconds").asDouble();
        JsonNode segments = json.get("segments");

        assertThat(audio).as(id).isBetween(5.0, 30.0);
        assertThat(segments.size()).as(id + " segments").isPositive();
        double previousEnd = 0;
        for (JsonNode segment : segments) {
            double start = segment.get("start").asDouble();
            double end = segment.get("end").asDouble();
            assertThat(start).as(id + " segment start").isGreaterThanOrEqualTo(previousEnd).isLessThanOrEqualTo(audio);
            assertThat(end).as(id + " segment end").isGreaterThanOrEqualTo(start).isLessThanOrEqualTo(audio);
            assertThat(segment.get("text").asText()).isNotBlank();
            previousEnd = end;
        }
        assertThat(json.get("model").asText()).isEqualTo("ggml-tiny.en.bin");
        assertThat(Files.readString(folder.resolve("transcript.vtt"))).startsWith("WEBVTT\n\n1\n00:00:");
        assertThat(Files.readAllLines(folder.resolve("transcript.txt"))).hasSize(segments.size())
                .allSatisfy(line -> assertThat(line).matches("\\[\\d\\d:\\d\\d:\\d\\d] .+"));

        // Indexed as timed chunks: search hits on this item cite where in the recording they are.
        assertThat(entry.chunkIds()).isNotEmpty();
        assertThat(hub.store().chunkIds(id)).isEqualTo(entry.chunkIds());
        String first = segments.get(0).get("text").asText().strip().split("\\s+")[0];
        JsonNode results = hub.getJson("/api/search?k=5&mode=keyword&item=" + TestHub.encode(id) + "&q="
                + TestHub.encode(first)).get("results");
        assertThat(results).as("keyword search for '%s' in %s", first, id).isNotEmpty();
        assertThat(results.get(0).get("start").asText()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(results.get(0).get("end_seconds").asDouble()).isLessThanOrEqualTo(audio);
        assertThat(hub.done().resolve(id.substring("file:".length()))).exists();
    }

    @Test
    void recordingsWaitForAMissingModelAndGoOnWhenItAppears() throws Exception {
        try (TestHub hub = TestHub.start(dataDir, settings())) {
            hub.dropAndWait("calls/jfk.wav", Files.readAllBytes(TestRecordings.jfk()));

            TestHub.await(Duration.ofSeconds(30), "the reason to name the missing model", () -> reason(hub,
                    "file:calls/jfk.wav").contains("no file ggml-tiny.en.bin"));
            JsonNode waiting = hub.getJson("/api/items?status=waiting").get("items").get(0);
            assertThat(waiting.get("id").asText()).isEqualTo("file:calls/jfk.wav");
            assertThat(waiting.get("reason").asText())
                    .contains("waiting for the whisper model")
                    .contains("download-model tiny.en")
                    .contains("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-tiny.en.bin");

            TestModels.install(TestModels.tinyEn(), dataDir.resolve("models"), "ggml-tiny.en.bin");

            TestHub.await(TRANSCRIBED, "the recording to be transcribed once the model is there",
                    () -> hub.status("file:calls/jfk.wav") == ItemStatus.INDEXED);
        }
    }

    @Test
    void aBrokenModelLeavesRecordingsWaitingWithTheReasonAndTheHubServing() throws Exception {
        Path models = Files.createDirectories(dataDir.resolve("models"));
        byte[] model = Files.readAllBytes(TestModels.tinyEn());
        Files.write(models.resolve("ggml-tiny.en.bin"), java.util.Arrays.copyOf(model, model.length / 3));
        try (TestHub hub = TestHub.start(dataDir, settings())) {
            hub.dropAndWait("calls/jfk.wav", Files.readAllBytes(TestRecordings.jfk()));
            TestHub.await(Duration.ofSeconds(30), "the truncated model to be named", () -> reason(hub,
                    "file:calls/jfk.wav").contains("ggml-tiny.en.bin is truncated"));

            Files.writeString(models.resolve("ggml-tiny.en.bin"), "Moved Permanently. Redirecting to ...\n");
            TestHub.await(Duration.ofSeconds(30), "the text file to be named", () -> reason(hub,
                    "file:calls/jfk.wav").contains("is not a whisper.cpp ggml model"));
            assertThat(hub.get("/api/health").statusCode()).isEqualTo(200);
            assertThat(hub.status("file:calls/jfk.wav")).isEqualTo(ItemStatus.WAITING);

            TestModels.install(TestModels.tinyEn(), models, "ggml-tiny.en.bin");
            TestHub.await(TRANSCRIBED, "the recording to be transcribed with the good model",
                    () -> hub.status("file:calls/jfk.wav") == ItemStatus.INDEXED);
        }
    }

    @Test
    void recordingsWithoutUsableAudioGoToTheErrorFolderWithTheirReason() throws Exception {
        TestModels.install(TestModels.tinyEn(), dataDir.resolve("models"), "ggml-tiny.en.bin");
        byte[] garbage = new byte[20_000];
        new Random(11).nextBytes(garbage);
        try (TestHub hub = TestHub.start(dataDir, settings())) {
            hub.drop("empty.m4a", new byte[0]);
            hub.drop("corrupt.mp3", garbage);
            hub.drop("screen-share.mp4", bytes(TestRecordings.videoWithoutSound(made.resolve("silent.mp4"))));
            hub.awaitInboxEmpty(Duration.ofSeconds(60));

            assertThat(Files.readString(hub.errors().resolve("empty.m4a.error.txt"))).contains("empty (0 bytes)");
            assertThat(Files.readString(hub.errors().resolve("corrupt.mp3.error.txt")))
                    .contains("corrupt.mp3 is not a recording ffmpeg can read");
            assertThat(Files.readString(hub.errors().resolve("screen-share.mp4.error.txt")))
                    .contains("has no audio track (a video without sound)");
            assertThat(hub.errors().resolve("corrupt.mp3")).hasBinaryContent(garbage);
            for (String id : List.of("file:empty.m4a", "file:corrupt.mp3", "file:screen-share.mp4")) {
                assertThat(hub.status(id)).as(id).isEqualTo(ItemStatus.FAILED);
            }
            assertThat(hub.get("/api/health").statusCode()).isEqualTo(200);

            // Still transcribing after all that.
            hub.dropAndWait("jfk.wav", Files.readAllBytes(TestRecordings.jfk()));
            TestHub.await(TRANSCRIBED, "a good recording to be transcribed",
                    () -> hub.status("file:jfk.wav") == ItemStatus.INDEXED);
        }
    }

    @Test
    void aShutdownDuringTranscriptionIsRedoneOnRestartAndNothingIsHalfIndexed() throws Exception {
        TestModels.install(TestModels.tinyEn(), dataDir.resolve("models"), "ggml-tiny.en.bin");
        Properties settings = settings();
        settings.setProperty("teammate.transcribe.window-seconds", "30");
        byte[] long3 = bytes(TestRecordings.looped(TestRecordings.jfk(), 180, made.resolve("long.flac"),
                "-c:a", "flac"));
        String id = "file:all-hands.flac";

        try (TestHub hub = TestHub.start(dataDir, settings)) {
            hub.dropAndWait("all-hands.flac", long3);
            TestHub.await(TRANSCRIBED, "the first window to be transcribed",
                    () -> messages().stream().anyMatch(m -> m.startsWith("Transcribing all-hands.flac: 0.")));
        }
        LedgerEntry interrupted;
        try (TestHub hub = TestHub.start(dataDir, settings)) {
            interrupted = hub.entry(id).orElseThrow();
            assertThat(hub.store().chunkIds(id)).as("nothing of a cut-short transcription is indexed").isEmpty();
            assertThat(interrupted.status()).isEqualTo(ItemStatus.WAITING);
            assertThat(Files.exists(dataDir.resolve("outputs").resolve(ItemFolders.name(id)))).isFalse();

            TestHub.await(TRANSCRIBED, "the recording to be transcribed again after the restart",
                    () -> hub.status(id) == ItemStatus.INDEXED);
            JsonNode json = JSON.readTree(dataDir.resolve("outputs").resolve(ItemFolders.name(id))
                    .resolve("transcript.json").toFile());
            assertThat(json.get("audioSeconds").asDouble()).isBetween(179.0, 181.0);
            assertThat(hub.store().chunkIds(id)).isEqualTo(hub.entry(id).orElseThrow().chunkIds()).isNotEmpty();
        }
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("Transcription of " + id
                + " stopped by the shutdown"));
    }

    private List<String> messages() {
        synchronized (log) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static String reason(TestHub hub, String id) {
        return hub.entry(id).map(LedgerEntry::reason).orElse("");
    }

    private static byte[] bytes(Path file) throws java.io.IOException {
        return Files.readAllBytes(file);
    }

    private static Properties settings() {
        Properties settings = new Properties();
        settings.setProperty("teammate.whisper.model", "tiny.en");
        return settings;
    }
}
