package dev.teammate.transcribe;

import dev.teammate.audio.AudioDecoder;
import dev.teammate.audio.TestRecordings;
import dev.teammate.extract.Segment;
import dev.teammate.transcribe.WhisperRecognizer.WhisperOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * whisper.cpp through whisper-jni on a random-weight model of tiny.en's structure and real speech: the native path
 * loads, runs and returns timed segments. What the words are depends on real weights; see
 * {@code WordErrorRateTest} for that.
 */
class WhisperRecognizerTest {

    private static WhisperRecognizer recognizer;
    private static float[] jfk;

    @BeforeAll
    static void load() throws Exception {
        // Greedy decoding only: random weights make every window look "wrong", and the retries at higher
        // temperatures would make each run slow and different.
        WhisperOptions options = new WhisperOptions("en", 2, "Kennedy, PAY-1432", false);
        recognizer = WhisperRecognizer.load(TestModels.tinyEn(), options, TestRecordings.BIN_DIR);
        float[] samples = new float[16_000 * 12];
        int[] filled = {0};
        new AudioDecoder(TestRecordings.ffmpeg()).decode(TestRecordings.jfk(), (block, n) -> {
            System.arraycopy(block, 0, samples, filled[0], n);
            filled[0] += n;
        });
        jfk = Arrays.copyOf(samples, filled[0]);
    }

    @AfterAll
    static void unload() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    @Test
    void recognisesRealSpeechIntoTimedSegmentsWithinTheWindow() {
        List<Segment> segments = recognizer.recognize(jfk, jfk.length, "And so, my fellow Americans");

        assertThat(segments).isNotEmpty();
        double windowSeconds = jfk.length / 16_000.0;
        for (Segment segment : segments) {
            assertThat(segment.startSeconds()).isBetween(0.0, windowSeconds + 0.01);
            assertThat(segment.endSeconds()).isGreaterThanOrEqualTo(segment.startSeconds());
            assertThat(segment.speaker()).isNull();
        }
        assertThat(recognizer.modelName()).isEqualTo("ggml-random-tiny.en.bin");
    }

    @Test
    void theSameAudioGivesTheSameSegments() {
        List<Segment> first = recognizer.recognize(jfk, jfk.length, null);
        List<Segment> second = recognizer.recognize(jfk, jfk.length, null);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anUnloadedModelSaysSo() throws Exception {
        WhisperRecognizer other = WhisperRecognizer.load(TestModels.tinyEn(), new WhisperOptions("en", 1, null, false),
                TestRecordings.BIN_DIR);
        other.close();

        assertThatThrownBy(() -> other.recognize(jfk, jfk.length, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has been unloaded");
    }
}
