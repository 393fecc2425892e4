package dev.teammate.transcribe;

import dev.teammate.extract.Segment;

import java.util.List;

/**
 * Turns one window of 16 kHz mono audio into timed text. The window is a part of a longer recording; the
 * transcriber feeds the windows in order and shifts the times.
 */
public interface SpeechRecognizer {

    /** Samples per second that {@link #recognize} expects. */
    int SAMPLE_RATE = 16_000;

    /**
     * @param samples the window's samples, in [-1, 1)
     * @param count   how many of {@code samples} to use, from the start
     * @param prompt  text said just before this window, or {@code null}: lets the model keep names and spelling
     *                consistent across windows
     * @return segments with times in seconds from the start of this window
     */
    List<Segment> recognize(float[] samples, int count, String prompt);

    /** The model's file name, recorded with each transcript. */
    String modelName();

    /** The language asked for, or {@code auto}. */
    String language();
}
