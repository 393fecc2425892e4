package dev.teammate.transcribe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.teammate.audio.AudioDecoder;
import dev.teammate.audio.TestRecordings;
import dev.teammate.extract.Segment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * How a long recording is cut into windows and put back together, checked with a recognizer that reports what it was
 * given (one segment spanning each window), so that every sample and every second can be accounted for.
 */
class RecordingTranscriberTest {

    private static final int RATE = SpeechRecognizer.SAMPLE_RATE;

    @TempDir
    static Path dir;

    private static Path fiveMinutes;

    private final AudioDecoder decoder = new AudioDecoder(TestRecordings.ffmpeg());
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() throws Exception {
        if (fiveMinutes == null) {
            fiveMinutes = TestRecordings.looped(TestRecordings.jfk(), 300, dir.resolve("five-minutes.m4a"),
                    "-c:a", "aac");
        }
        log.start();
        ((Logger) LoggerFactory.getLogger(RecordingTranscriber.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(RecordingTranscriber.class)).detachAppender(log);
    }

    @Test
    void everySampleIsRecognisedOnceAndTimesFollowTheRecording() throws Exception {
        WindowRecorder recognizer = new WindowRecorder();

        Transcript transcript = new RecordingTranscriber(decoder, 60, true, () -> false)
                .transcribe(fiveMinutes, "five-minutes.m4a", recognizer);

        long total = recognizer.counts.stream().mapToLong(Integer::longValue).sum();
        assertThat(total / (double) RATE).isCloseTo(300.0, within(0.2));
        assertThat(transcript.audioSeconds()).isCloseTo(total / (double) RATE, within(1e-6));
        assertThat(recognizer.counts).hasSizeBetween(5, 6)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(60 * RATE));

        // One segment per window, each starting where the previous window ended.
        List<Segment> segments = transcript.segments();
        assertThat(segments).hasSize(recognizer.counts.size());
        double expectedStart = 0;
        for (int i = 0; i < segments.size(); i++) {
            assertThat(segments.get(i).startSeconds()).isCloseTo(expectedStart, within(1e-6));
            expectedStart += recognizer.counts.get(i) / (double) RATE;
            assertThat(segments.get(i).endSeconds()).isCloseTo(expectedStart, within(1e-6));
        }
        assertThat(segments.get(segments.size() - 1).endSeconds()).isLessThanOrEqualTo(transcript.audioSeconds());
    }

    @Test
    void eachWindowGetsTheEndOfThePreviousOneAsItsPrompt() throws Exception {
        WindowRecorder recognizer = new WindowRecorder();

        new RecordingTranscriber(decoder, 60, true, () -> false).transcribe(fiveMinutes, "five-minutes.m4a",
                recognizer);

        assertThat(recognizer.prompts.get(0)).isNull();
        assertThat(recognizer.prompts.get(1)).endsWith("window 0");
        assertThat(recognizer.prompts.get(2)).endsWith("window 1");
    }

    @Test
    void withoutCarryingThePromptEachWindowStartsAfresh() throws Exception {
        WindowRecorder recognizer = new WindowRecorder();

        new RecordingTranscriber(decoder, 60, false, () -> false).transcribe(fiveMinutes, "five-minutes.m4a",
                recognizer);

        assertThat(recognizer.prompts).hasSizeGreaterThan(1).containsOnlyNulls();
    }

    /** The first window ends at the quietest moment of its last 6 s: 0.9 of the minute asked for, in this clip. */
    @Test
    void logsProgressWithPercentRealTimeFactorAndTimeLeft() throws Exception {
        new RecordingTranscriber(decoder, 60, true, () -> false)
                .transcribe(fiveMinutes, "five-minutes.m4a", new WindowRecorder());

        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .matches("Transcribing five-minutes\\.m4a: 0\\.9 min of 5\\.0 min \\(18%\\), [0-9.]+ RTF,"
                        + " about .+ left"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("(100%)"));
        assertThat(lines.get(lines.size() - 1)).startsWith("Transcribed five-minutes.m4a: 5.0 min of audio in ");
    }

    @Test
    void aStoppingHubEndsTheTranscriptionAfterTheCurrentWindow() throws Exception {
        AtomicBoolean stopping = new AtomicBoolean();
        WindowRecorder recognizer = new WindowRecorder() {
            @Override
            public List<Segment> recognize(float[] samples, int count, String prompt) {
                stopping.set(true);
                return super.recognize(samples, count, prompt);
            }
        };

        assertThatThrownBy(() -> new RecordingTranscriber(decoder, 60, true, stopping::get)
                .transcribe(fiveMinutes, "five-minutes.m4a", recognizer))
                .isInstanceOf(TranscriptionStoppedException.class)
                .hasMessageMatching(".*stopped after 0\\.9 min of 5\\.0 min.*");
        assertThat(recognizer.counts).hasSize(1);
    }

    @Test
    void windowsShorterThanWhispersOwnAreRefused() {
        assertThatThrownBy(() -> new RecordingTranscriber(decoder, 10, true, () -> false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Reports each window as one segment that spans it, and remembers what it was given. */
    private static class WindowRecorder implements SpeechRecognizer {

        final List<Integer> counts = new ArrayList<>();
        final List<String> prompts = new ArrayList<>();

        @Override
        public List<Segment> recognize(float[] samples, int count, String prompt) {
            prompts.add(prompt);
            String text = "window " + counts.size();
            counts.add(count);
            return List.of(new Segment(text, null, 0.0, count / (double) RATE));
        }

        @Override
        public String modelName() {
            return "window-recorder";
        }

        @Override
        public String language() {
            return "en";
        }
    }
}
