package dev.teammate.slack.post;

import java.util.List;
import java.util.Objects;

/**
 * One message to post to the channel.
 *
 * @param what     what it is, for logs and reasons: {@code summary of file:standup.vtt}, {@code draft "PRD: Checkout"
 *                 (outbox/prd.md), part 2 of 3}
 * @param fallback the message's {@code text}: what notifications and screen readers show; Slack shows the sections
 * @param sections the mrkdwn of each section block, each within {@link SlackMessages#SECTION_LIMIT} characters
 */
public record SlackPost(String what, String fallback, List<String> sections) {

    public SlackPost {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(fallback, "fallback");
        sections = List.copyOf(sections);
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("a post needs at least one section: " + what);
        }
    }
}
