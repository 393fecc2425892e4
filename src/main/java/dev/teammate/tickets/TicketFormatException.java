package dev.teammate.tickets;

/** A ticket file that cannot be read as one, typically after an edit; the message names the file and the problem. */
public class TicketFormatException extends RuntimeException {

    public TicketFormatException(String message) {
        super(message);
    }
}
