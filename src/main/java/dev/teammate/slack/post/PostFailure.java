package dev.teammate.slack.post;

import java.time.Duration;
import java.util.Objects;

/**
 * Why a post did not reach Slack, and what that means for it.
 *
 * @param kind   what to do with the post
 * @param reason for a person: what happened and, where it is in their hands, what to do about it
 * @param delay  how long the queue waits before the next try (nothing for {@link Kind#REFUSED})
 */
public record PostFailure(Kind kind, String reason, Duration delay) {

    public enum Kind {
        /** HTTP 429: the queue waits as long as Slack's {@code Retry-After} says, then tries again. */
        RATE_LIMITED,
        /** Slack could not be reached or had a problem of its own (network, 5xx, internal errors): try again soon. */
        UNAVAILABLE,
        /**
         * The setup is wrong (token, channel, membership, scopes): no post can succeed until a person fixes it, so
         * the queue tries again at a slow pace, and at once after a restart.
         */
        SETUP,
        /** Slack refused this one message (too long, malformed): it is set aside, never tried again on its own. */
        REFUSED
    }

    public PostFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(delay, "delay");
    }
}
