package dev.teammate.slack.sync;

/**
 * A Slack call that did not succeed even after the retries it deserved. The message is written for a person, says
 * what to do, and never holds the token.
 */
public class SlackReadException extends RuntimeException {

    /** Why a call failed, which decides whether trying again can help. */
    public enum Kind {
        /** The token was refused (expired, revoked, invalid): nothing works until a person changes it. */
        TOKEN,
        /** The channel, a scope or the bot's membership is wrong: a person must fix the setup. */
        SETUP,
        /** Slack could not be reached, answered 5xx or kept rate limiting: a later run may succeed. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;

    public SlackReadException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public SlackReadException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** Slack's error code ({@code token_expired}, {@code not_in_channel}), or {@code null} when there was none. */
    public String code() {
        return code;
    }
}
