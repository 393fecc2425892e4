package dev.teammate.llm;

/**
 * A model stopped because its reply reached the token limit ({@code finish_reason: length}): what came back is cut
 * off and must not be used as if it were whole.
 */
public class ReplyCutOffException extends RuntimeException {

    public ReplyCutOffException(String message) {
        super(message);
    }
}
