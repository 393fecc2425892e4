package dev.teammate.transcribe;

import dev.teammate.extract.Segment;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * whisper.cpp, through whisper-jni, on one loaded model. The model stays loaded between recordings (loading
 * base.en takes about a second, large-v3 much longer). One window at a time: whisper.cpp already uses every
 * thread it is given for one window, and a context is not safe for two at once.
 *
 * <p>Close only when no window is being recognised: freeing the native context under a running call would crash the
 * process. {@link #close} therefore waits for the current window.
 */
public final class WhisperRecognizer implements SpeechRecognizer, AutoCloseable {

    private final WhisperJNI whisper;
    private final WhisperContext context;
    private final WhisperOptions options;
    private final String modelName;
    private boolean closed;

    private WhisperRecognizer(WhisperJNI whisper, WhisperContext context, WhisperOptions options, String modelName) {
        this.whisper = whisper;
        this.context = context;
        this.options = options;
        this.modelName = modelName;
    }

    /**
     * Loads a model file that has already passed {@code WhisperModelFile.check}: whisper.cpp aborts the whole
     * process on some malformed files rather than returning an error.
     */
    public static WhisperRecognizer load(Path modelFile, WhisperOptions options, Path binDir) throws IOException {
        WhisperNatives.load(binDir);
        WhisperJNI whisper = new WhisperJNI();
        WhisperContext context = whisper.init(modelFile);
        if (context == null) {
            throw new IOException("whisper.cpp could not load the model " + modelFile.getFileName());
        }
        return new WhisperRecognizer(whisper, context, options, modelFile.getFileName().toString());
    }

    @Override
    public synchronized List<Segment> recognize(float[] samples, int count, String prompt) {
        if (closed) {
            throw new IllegalStateException("the whisper model " + modelName + " has been unloaded");
        }
        WhisperFullParams params = options.params(prompt);
        int status = whisper.full(context, params, samples, count);
        if (status != 0) {
            throw new IllegalStateException("whisper.cpp failed on a window of " + count / SAMPLE_RATE
                    + " s of audio (status " + status + ") with the model " + modelName);
        }
        int n = whisper.fullNSegments(context);
        List<Segment> segments = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // whisper.cpp counts time in hundredths of a second.
            double start = whisper.fullGetSegmentTimestamp0(context, i) / 100.0;
            double end = whisper.fullGetSegmentTimestamp1(context, i) / 100.0;
            segments.add(new Segment(whisper.fullGetSegmentText(context, i), null, start, end));
        }
        return segments;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public String language() {
        return options.language();
    }

    /** Frees the model once the window being recognised, if any, is done. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            context.close();
        }
    }

    /**
     * How whisper is asked to transcribe; the same for every window.
     *
     * @param language  a language code, or {@code auto}
     * @param threads   threads for one window (at least 1)
     * @param glossary  names and terms to spell right, given as the start of every prompt; may be {@code null}
     * @param fallback  whether whisper decodes a window again at higher temperatures when the first decoding looks
     *                  wrong (repetitive or unsure), as whisper does by default; off makes decoding greedy only:
     *                  faster and repeatable, somewhat worse on hard audio
     */
    public record WhisperOptions(String language, int threads, String glossary, boolean fallback) {

        /** Temperature added at each retry of a window, whisper's default. */
        static final float FALLBACK_STEP = 0.2f;

        public WhisperOptions {
            if (threads < 1) {
                throw new IllegalArgumentException("whisper needs at least one thread, was " + threads);
            }
            language = language == null || language.isBlank() ? "auto" : language.strip();
            glossary = glossary == null || glossary.isBlank() ? null : glossary.strip();
        }

        WhisperFullParams params(String carried) {
            WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
            // whisper-jni passes 0 through as is, which is not "all cores": the thread count is always explicit.
            params.nThreads = threads;
            params.language = language;
            params.detectLanguage = false;
            params.translate = false;
            params.printProgress = false;
            params.printRealtime = false;
            params.printTimestamps = false;
            params.printSpecial = false;
            params.suppressNonSpeechTokens = true;
            params.temperature = 0f;
            params.temperatureInc = fallback ? FALLBACK_STEP : 0f;
            params.initialPrompt = prompt(carried);
            return params;
        }

        /** The glossary first (names to spell right), then what was said just before. */
        private String prompt(String carried) {
            if (glossary == null) {
                return carried == null || carried.isBlank() ? null : carried;
            }
            return carried == null || carried.isBlank() ? glossary : glossary + " " + carried;
        }
    }
}
