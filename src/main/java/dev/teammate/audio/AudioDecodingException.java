package dev.teammate.audio;

/** A recording that ffmpeg cannot turn into audio samples: corrupt, empty, without sound, or of an unknown format. */
public class AudioDecodingException extends Exception {

    public AudioDecodingException(String message) {
        super(message);
    }

    public AudioDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
