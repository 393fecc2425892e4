package dev.teammate.slack.post;

import com.slack.api.methods.SlackApiException;
import dev.teammate.slack.post.PostFailure.Kind;
import org.apache.camel.CamelExchangeException;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells from what the camel-slack producer threw why a post failed, and what the queue should do about it.
 *
 * <p>camel-slack 4.17.0 sends through Slack's Java SDK, which throws {@link SlackApiException} for any HTTP status but
 * 200 (the response, with its {@code Retry-After} header, comes with it) and {@link IOException} when Slack cannot be
 * reached. A method error, which Slack answers with HTTP 200 and {@code {"ok":false,"error":"..."}}, the producer
 * turns into a {@link CamelExchangeException} whose message holds the SDK's response as text; the error code is read
 * from there, as it is not passed on otherwise.
 */
public final class FailureClassifier {

    private static final Pattern ERROR_CODE = Pattern.compile("\\berror=([a-z_]+)");

    private static final Set<String> TOKEN_ERRORS = Set.of("not_authed", "invalid_auth", "token_revoked",
            "token_expired", "account_inactive", "no_permission", "not_allowed_token_type");
    private static final Set<String> MESSAGE_ERRORS = Set.of("msg_too_long", "msg_blocks_too_long", "no_text",
            "invalid_blocks", "invalid_blocks_format", "too_many_attachments", "invalid_attachments",
            "invalid_arg_name", "invalid_array_arg", "invalid_charset", "invalid_form_data", "invalid_post_type",
            "missing_post_type", "invalid_json", "json_not_object", "markdown_text_conflict", "duplicate_message");
    private static final Set<String> SLACK_TROUBLE = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited", "rate_limited", "team_added_to_org");

    private final String channel;
    private final String serverUrl;
    private final String token;
    private final Duration retryDelay;
    private final Duration setupRetryDelay;

    public FailureClassifier(String channel, String serverUrl, String token, Duration retryDelay,
                             Duration setupRetryDelay) {
        this.channel = channel;
        this.serverUrl = serverUrl;
        this.token = token;
        this.retryDelay = retryDelay;
        this.setupRetryDelay = setupRetryDelay;
    }

    public PostFailure classify(Throwable thrown) {
        PostFailure failure = classifyUnredacted(thrown);
        return new PostFailure(failure.kind(), redact(failure.reason()), failure.delay());
    }

    private PostFailure classifyUnredacted(Throwable thrown) {
        SlackApiException api = find(thrown, SlackApiException.class);
        if (api != null) {
            return httpError(api);
        }
        IOException io = find(thrown, IOException.class);
        if (io != null) {
            return new PostFailure(Kind.UNAVAILABLE, "cannot reach Slack at " + serverUrl + " ("
                    + io.getClass().getSimpleName() + ": " + io.getMessage() + ")", retryDelay);
        }
        CamelExchangeException refused = find(thrown, CamelExchangeException.class);
        if (refused != null && refused.getMessage() != null) {
            Matcher code = ERROR_CODE.matcher(refused.getMessage());
            if (code.find()) {
                return methodError(code.group(1));
            }
        }
        return new PostFailure(Kind.UNAVAILABLE, "posting failed: " + thrown, retryDelay);
    }

    private PostFailure httpError(SlackApiException api) {
        int status = api.getResponse().code();
        String code = api.getError() == null ? null : api.getError().getError();
        if (status == 429) {
            Duration wait = retryAfter(api.getResponse().header("Retry-After"));
            return new PostFailure(Kind.RATE_LIMITED, "Slack is rate limiting chat.postMessage (HTTP 429); waiting "
                    + wait.toSeconds() + " s as its Retry-After asks", wait);
        }
        if (code != null && !code.isBlank() && status < 500) {
            return methodError(code);
        }
        if (status >= 500 || status == 408) {
            return new PostFailure(Kind.UNAVAILABLE, "Slack answered HTTP " + status + " to chat.postMessage",
                    retryDelay);
        }
        return new PostFailure(Kind.SETUP, "Slack answered HTTP " + status + " to chat.postMessage at " + serverUrl
                + ": check teammate.slack.server-url (Slack's own is https://slack.com)", setupRetryDelay);
    }

    private PostFailure methodError(String code) {
        if (TOKEN_ERRORS.contains(code)) {
            return setup(code, "Slack refused the bot token: check TEAMMATE_SLACK_BOT_TOKEN (a bot token, xoxb-..., of"
                    + " an app installed in the workspace) and restart the hub");
        }
        switch (code) {
            case "channel_not_found":
                return setup(code, "there is no channel " + channel + " the bot can see: check teammate.slack.channel"
                        + " (a name like #team-updates or an id like C0123ABCD); for a private channel, invite the bot"
                        + " with /invite @<bot name> in it");
            case "not_in_channel":
                return setup(code, "the bot is not a member of " + channel + ": invite it with /invite @<bot name>"
                        + " in that channel");
            case "is_archived":
                return setup(code, channel + " is archived: unarchive it or set teammate.slack.channel to another"
                        + " channel");
            case "missing_scope":
                return setup(code, "the bot token lacks the chat:write scope: add it under OAuth & Permissions and"
                        + " reinstall the app");
            default:
                break;
        }
        if (MESSAGE_ERRORS.contains(code)) {
            return new PostFailure(Kind.REFUSED, "Slack refused this message (" + code + "); it is set aside and"
                    + " not tried again", Duration.ZERO);
        }
        if (SLACK_TROUBLE.contains(code)) {
            return new PostFailure(Kind.UNAVAILABLE, "Slack could not take the message now (" + code + ")",
                    retryDelay);
        }
        // An error this hub does not know: tried again at the normal pace, with the code for a person to look up.
        return new PostFailure(Kind.UNAVAILABLE, "Slack answered " + code + " to chat.postMessage", retryDelay);
    }

    private PostFailure setup(String code, String whatToDo) {
        return new PostFailure(Kind.SETUP, whatToDo + " (Slack said " + code + ")", setupRetryDelay);
    }

    private Duration retryAfter(String header) {
        if (header != null) {
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
            } catch (NumberFormatException e) {
                // Slack sends whole seconds; anything else falls back to the normal pause.
            }
        }
        return retryDelay;
    }

    /** A reason never carries the token, whatever an exception's message held. */
    private String redact(String reason) {
        return token == null || token.isEmpty() ? reason : reason.replace(token, "(token)");
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
