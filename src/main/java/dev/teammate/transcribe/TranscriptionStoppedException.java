package dev.teammate.transcribe;

/** Transcription ended early because the hub is stopping; the recording is transcribed again from the start. */
public class TranscriptionStoppedException extends Exception {

    public TranscriptionStoppedException(String message) {
        super(message);
    }
}
