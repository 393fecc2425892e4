package dev.teammate.transcribe;

import dev.teammate.audio.AudioDecoder;
import dev.teammate.audio.AudioDecodingException;
import dev.teammate.extract.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Transcribes a whole recording of any length with bounded memory: the decoder streams 16 kHz PCM, which is cut
 * into windows of about {@code windowSeconds} at quiet moments ({@link SilenceCut}) and recognised window by window.
 * Between windows it logs progress and checks whether the hub is stopping, so a long recording neither holds
 * gigabytes of samples nor keeps a shutdown waiting for an hour.
 */
public class RecordingTranscriber {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingTranscriber.class);

    /** The last words of one window go to the next as its prompt, up to this many characters. */
    private static final int CARRIED_PROMPT_CHARS = 200;

    private final AudioDecoder decoder;
    private final int windowSamples;
    private final int searchSamples;
    private final boolean carryPrompt;
    private final BooleanSupplier stopping;

    /**
     * @param windowSeconds how much audio the recognizer gets at once; longer windows cut fewer sentences, shorter
     *                      ones report progress and notice a shutdown sooner
     * @param carryPrompt   whether each window gets the end of the previous window's text as its prompt (whisper's
     *                      "condition on previous text"): names and spelling stay consistent, but a window that went
     *                      wrong can pass its mistake on to the next
     * @param stopping      true once the hub is shutting down; the transcription then ends after its current window
     */
    public RecordingTranscriber(AudioDecoder decoder, int windowSeconds, boolean carryPrompt,
            BooleanSupplier stopping) {
        if (windowSeconds < 30) {
            throw new IllegalArgumentException("the transcription window must be at least 30 s, was " + windowSeconds);
        }
        this.decoder = decoder;
        this.windowSamples = windowSeconds * SpeechRecognizer.SAMPLE_RATE;
        // Look for a quiet moment in the last 10% of the window, at most 15 s.
        this.searchSamples = Math.min(15 * SpeechRecognizer.SAMPLE_RATE, windowSamples / 10);
        this.carryPrompt = carryPrompt;
        this.stopping = stopping;
    }

    /**
     * @param name what the log calls the recording
     * @throws TranscriptionStoppedException when the hub began to stop (or the thread was interrupted) before the
     *                                       end; nothing of the recording is kept then
     */
    public Transcript transcribe(Path recording, String name, SpeechRecognizer recognizer)
            throws AudioDecodingException, TranscriptionStoppedException {
        double totalSeconds = decoder.probeSeconds(recording);
        Windows windows = new Windows(name, totalSeconds, recognizer);
        try {
            decoder.decode(recording, windows::accept);
        } catch (StopSignal stop) {
            throw new TranscriptionStoppedException(name + ": transcription stopped after " + minutes(windows.offset)
                    + " of " + minutes(totalSeconds) + " because the hub is stopping");
        }
        windows.finish();
        double took = (System.nanoTime() - windows.started) / 1e9;
        double audioSeconds = windows.offset;
        LOG.info(String.format(Locale.ROOT, "Transcribed %s: %s of audio in %s, %.2f RTF, %d segments (%s)", name,
                minutes(audioSeconds), duration(took), audioSeconds > 0 ? took / audioSeconds : 0,
                windows.segments.size(), recognizer.modelName()));
        return new Transcript(windows.segments, audioSeconds, recognizer.modelName(), recognizer.language());
    }

    /** Collects decoded samples and hands a window to the recognizer each time one is full. */
    private final class Windows {

        private final String name;
        private final double totalSeconds;
        private final SpeechRecognizer recognizer;
        private final long started = System.nanoTime();
        private final List<Segment> segments = new ArrayList<>();
        private final float[] buffer = new float[windowSamples];
        private int filled;
        /** Seconds of audio already recognised: where the buffer starts in the recording. */
        private double offset;
        private String prompt;

        Windows(String name, double totalSeconds, SpeechRecognizer recognizer) {
            this.name = name;
            this.totalSeconds = totalSeconds;
            this.recognizer = recognizer;
        }

        void accept(float[] samples, int count) {
            int taken = 0;
            while (taken < count) {
                int n = Math.min(count - taken, buffer.length - filled);
                System.arraycopy(samples, taken, buffer, filled, n);
                filled += n;
                taken += n;
                if (filled == buffer.length) {
                    recognizeUpTo(SilenceCut.cutPoint(buffer, filled, searchSamples));
                }
            }
        }

        void finish() {
            if (filled > 0) {
                recognizeUpTo(filled);
            }
        }

        private void recognizeUpTo(int cut) {
            if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new StopSignal();
            }
            for (Segment segment : recognizer.recognize(buffer, cut, prompt)) {
                add(segment, (double) cut / SpeechRecognizer.SAMPLE_RATE);
            }
            offset += (double) cut / SpeechRecognizer.SAMPLE_RATE;
            System.arraycopy(buffer, cut, buffer, 0, filled - cut);
            filled -= cut;
            prompt = carryPrompt ? carriedPrompt() : null;
            logProgress();
        }

        /** Adds a segment of the window just recognised, {@code windowSeconds} long, in the recording's times. */
        private void add(Segment segment, double windowSeconds) {
            String text = segment.text().strip();
            if (text.isEmpty()) {
                return;
            }
            // whisper can place a timestamp past the audio it was given (it pads every window to 30 s).
            double windowEnd = offset + windowSeconds;
            double start = Math.min(offset + segment.startSeconds(), windowEnd);
            double end = Math.max(start, Math.min(offset + segment.endSeconds(), windowEnd));
            // Whisper's times can step back a little at a window's edge; keep the transcript in order.
            if (!segments.isEmpty()) {
                double previousEnd = segments.get(segments.size() - 1).endSeconds();
                start = Math.max(start, previousEnd);
                end = Math.max(end, start);
            }
            segments.add(new Segment(text, null, start, end));
        }

        private String carriedPrompt() {
            StringBuilder text = new StringBuilder();
            for (int i = segments.size() - 1; i >= 0 && text.length() < CARRIED_PROMPT_CHARS; i--) {
                text.insert(0, segments.get(i).text() + " ");
            }
            String carried = text.toString().strip();
            return carried.length() > CARRIED_PROMPT_CHARS
                    ? carried.substring(carried.length() - CARRIED_PROMPT_CHARS) : carried;
        }

        private void logProgress() {
            double took = (System.nanoTime() - started) / 1e9;
            double rtf = offset > 0 ? took / offset : 0;
            if (totalSeconds > 0) {
                double done = Math.min(1, offset / totalSeconds);
                double left = Math.max(0, totalSeconds - offset) * rtf;
                LOG.info(String.format(Locale.ROOT, "Transcribing %s: %s of %s (%d%%), %.2f RTF, about %s left",
                        name, minutes(offset), minutes(totalSeconds), Math.round(done * 100), rtf, duration(left)));
            } else {
                LOG.info(String.format(Locale.ROOT, "Transcribing %s: %s done, %.2f RTF", name, minutes(offset),
                        rtf));
            }
        }
    }

    /** Unwinds the decoder's loop when the hub stops; the decoder then ends its ffmpeg process. */
    private static final class StopSignal extends RuntimeException {
        StopSignal() {
            super(null, null, false, false);
        }
    }

    static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }

    static String duration(double seconds) {
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%d h %d min", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%d min %d s", d.toMinutes(), d.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
