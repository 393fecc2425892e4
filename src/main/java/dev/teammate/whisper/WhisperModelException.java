package dev.teammate.whisper;

/** A model file that whisper.cpp must not be given: not a ggml whisper model, truncated, or inconsistent. */
public class WhisperModelException extends Exception {

    public WhisperModelException(String message) {
        super(message);
    }
}
