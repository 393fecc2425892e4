package dev.teammate.transcribe;

import dev.teammate.audio.AudioDecoder;
import dev.teammate.audio.TestRecordings;
import dev.teammate.extract.Segment;
import dev.teammate.transcribe.WhisperRecognizer.WhisperOptions;
import dev.teammate.whisper.WhisperModelFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transcript quality on real speech with a real whisper model: the word error rate over the LibriVox clips against
 * their reference transcripts, through the hub's own transcription path (ffmpeg decoding, windows, whisper-jni).
 *
 * <p>No real model can be fetched by the build, so this runs only when {@value #MODEL_VARIABLE} names a ggml model
 * file, for example one fetched with {@code download-model base.en}:
 * <pre>TEAMMATE_WHISPER_TEST_MODEL=models/ggml-base.en.bin mvn -B test -Dtest=WordErrorRateTest</pre>
 * The WER calculation itself is always tested, below.
 */
class WordErrorRateTest {

    static final String MODEL_VARIABLE = "TEAMMATE_WHISPER_TEST_MODEL";

    /** Far above what any English whisper model scores on clean read speech (tiny.en is near 0.1): a broken path. */
    private static final double WORST_ACCEPTABLE = 0.35;

    @Test
    void librivoxClipsWithARealModel() throws Exception {
        String configured = System.getenv(MODEL_VARIABLE);
        Assumptions.assumeTrue(configured != null && !configured.isBlank(), "transcript quality needs a real whisper"
                + " model: set " + MODEL_VARIABLE + " to a ggml file (get one with"
                + " mvn -B compile exec:java -Dexec.args=\"download-model base.en\") and run"
                + " mvn -B test -Dtest=WordErrorRateTest");
        Path model = Path.of(configured);
        WhisperModelFile.check(model);

        int threads = Runtime.getRuntime().availableProcessors();
        AudioDecoder decoder = new AudioDecoder(TestRecordings.ffmpeg());
        RecordingTranscriber transcriber = new RecordingTranscriber(decoder, 120, true, () -> false);
        List<String> references = Files.readAllLines(TestRecordings.FOLDER.resolve("librivox-references.tsv"));
        WordErrorRate wer = new WordErrorRate();
        try (WhisperRecognizer recognizer = WhisperRecognizer.load(model, new WhisperOptions("en", threads, null,
                true), TestRecordings.BIN_DIR)) {
            for (String line : references) {
                String[] parts = line.split("\t");
                Path clip = TestRecordings.FOLDER.resolve(parts[0] + ".wav");
                Transcript transcript = transcriber.transcribe(clip, clip.getFileName().toString(), recognizer);
                String heard = transcript.segments().stream().map(Segment::text).collect(Collectors.joining(" "));
                double rate = wer.add(parts[1], heard);
                System.out.printf(Locale.ROOT, "WER %.3f  %s%n  reference: %s%n  heard:     %s%n", rate, parts[0],
                        parts[1], heard.strip());
            }
        }
        System.out.printf(Locale.ROOT, "Word error rate of %s on %d LibriVox clips: %.3f (%d errors in %d words)%n",
                model.getFileName(), references.size(), wer.total(), wer.errors(), wer.referenceWords());

        assertThat(wer.total()).isLessThan(WORST_ACCEPTABLE);
    }

    @Test
    void countsSubstitutionsInsertionsAndDeletionsOverTheReferenceLength() {
        WordErrorRate wer = new WordErrorRate();

        assertThat(wer.add("he was not an ill disposed young man", "He was not an ill-disposed young man.")).isZero();
        assertThat(wer.add("he might even have been made amiable", "he might have been made amiable himself"))
                .isEqualTo(2.0 / 7);
        assertThat(wer.add("rather cold hearted", "rather bold hearted")).isEqualTo(1.0 / 3);
        assertThat(wer.total()).isEqualTo(3.0 / 18);
        assertThat(WordErrorRate.words("Mister John's  \"power\"!")).containsExactly("mister", "john's", "power");
    }
}
