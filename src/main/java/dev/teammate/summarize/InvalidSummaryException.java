package dev.teammate.summarize;

/** A model's reply is not the JSON the prompt asked for; the message lists what is wrong, for the repair prompt. */
public class InvalidSummaryException extends Exception {

    public InvalidSummaryException(String message) {
        super(message);
    }
}
