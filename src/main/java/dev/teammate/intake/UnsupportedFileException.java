package dev.teammate.intake;

/** A dropped file of a kind the hub does not take. The message is the reason written next to it. */
public class UnsupportedFileException extends RuntimeException {

    public UnsupportedFileException(String message) {
        super(message);
    }
}
