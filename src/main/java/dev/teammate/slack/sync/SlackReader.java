package dev.teammate.slack.sync;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.auth.AuthTestRequest;
import com.slack.api.methods.request.conversations.ConversationsHistoryRequest;
import com.slack.api.methods.request.conversations.ConversationsListRequest;
import com.slack.api.methods.request.conversations.ConversationsRepliesRequest;
import com.slack.api.methods.request.users.UsersInfoRequest;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import com.slack.api.model.User;
import dev.teammate.slack.sync.SlackReadException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The Web API calls a sync makes, through Slack's Java SDK ({@link MethodsClient}, as camel-slack uses it), with
 * pagination, pacing and retries: a 429 waits its {@code Retry-After}; a 5xx, a network failure or one of Slack's
 * own trouble codes is tried again after a wait that doubles each time; a refused token or a setup error fails at
 * once with a reason a person can act on.
 *
 * <p>The SDK answers a method error (HTTP 200 with {@code ok:false}) with a response whose {@code error} holds the
 * code, and throws {@link SlackApiException} for any other HTTP status, with the response and its headers.
 */
public class SlackReader {

    private static final Logger LOG = LoggerFactory.getLogger(SlackReader.class);

    static final String HISTORY = "conversations.history";
    static final String REPLIES = "conversations.replies";

    private static final Set<String> TOKEN_ERRORS = Set.of("not_authed", "invalid_auth", "token_expired",
            "token_revoked", "account_inactive", "not_allowed_token_type", "no_permission", "ekm_access_denied");
    private static final Set<String> SLACK_TROUBLE = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited", "rate_limited");
    /** A 429 without Retry-After waits this long, Slack's usual minute. */
    private static final int DEFAULT_RETRY_AFTER_SECONDS = 60;
    /** 429s in a row on one call before the sync gives up and tries again at its next run. */
    private static final int MAX_RATE_LIMIT_WAITS = 10;

    /** One Web API call, as the SDK makes it. */
    @FunctionalInterface
    private interface Call<T> {
        T send() throws IOException, SlackApiException;
    }

    private final MethodsClient client;
    private final SlackSyncSettings settings;
    private final CallPace pace;

    public SlackReader(Slack slack, SlackSyncSettings settings) {
        this.client = slack.methods(settings.token());
        this.settings = settings;
        this.pace = new CallPace(Map.of(HISTORY, settings.historyPerMinute(), REPLIES, settings.repliesPerMinute()));
    }

    /** The public and private channels the token can see, archived ones left out. */
    public List<Conversation> channels() {
        List<Conversation> channels = new ArrayList<>();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse response = call("conversations.list", "listing the workspace's channels",
                    Set.of(), () -> client.conversationsList(ConversationsListRequest.builder()
                            .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                            .excludeArchived(true).limit(200).cursor(page).build()));
            if (response.getChannels() != null) {
                channels.addAll(response.getChannels());
            }
            cursor = nextCursor(response.getResponseMetadata());
        } while (cursor != null);
        return channels;
    }

    /**
     * The channel's messages after {@code oldest} (not included), oldest first. Slack pages from the newest
     * backwards, so the whole range is read before any of it is used; {@code pages} hears of each page read.
     */
    public List<Message> history(String channelId, String channelName, SlackTs oldest, IntConsumer pages) {
        Map<String, Message> byTs = new LinkedHashMap<>();
        String cursor = null;
        int page = 0;
        do {
            String next = cursor;
            ConversationsHistoryResponse response = call(HISTORY, "reading " + channelName, Set.of(),
                    () -> client.conversationsHistory(ConversationsHistoryRequest.builder().channel(channelId)
                            .oldest(oldest.toString()).inclusive(false).limit(settings.pageSize()).cursor(next)
                            .build()));
            if (response.getMessages() != null) {
                for (Message message : response.getMessages()) {
                    byTs.putIfAbsent(message.getTs(), message);
                }
            }
            pages.accept(++page);
            cursor = response.isHasMore() ? nextCursor(response.getResponseMetadata()) : null;
        } while (cursor != null);
        List<Message> messages = new ArrayList<>(byTs.values());
        messages.sort(Comparator.comparing(m -> SlackTs.parse(m.getTs())));
        return messages;
    }

    /** The thread started by {@code ts}, parent first; empty when Slack no longer has it. */
    public List<Message> thread(String channelId, String channelName, String ts) {
        Map<String, Message> byTs = new LinkedHashMap<>();
        String cursor = null;
        do {
            String next = cursor;
            ConversationsRepliesResponse response = call(REPLIES, "reading a thread of " + channelName,
                    Set.of("thread_not_found"), () -> client.conversationsReplies(ConversationsRepliesRequest.builder()
                            .channel(channelId).ts(ts).limit(Math.max(settings.pageSize(), 15)).cursor(next).build()));
            if (!response.isOk()) {
                return List.of();
            }
            if (response.getMessages() != null) {
                for (Message message : response.getMessages()) {
                    // Pages may repeat the parent; a message counts once.
                    byTs.putIfAbsent(message.getTs(), message);
                }
            }
            cursor = response.isHasMore() ? nextCursor(response.getResponseMetadata()) : null;
        } while (cursor != null);
        List<Message> messages = new ArrayList<>(byTs.values());
        messages.sort(Comparator.comparing(m -> SlackTs.parse(m.getTs())));
        return messages;
    }

    /** A member of the workspace, or empty when Slack does not know or show them. */
    public Optional<User> user(String userId) {
        UsersInfoResponse response = call("users.info", "looking up a user's name",
                Set.of("user_not_found", "user_not_visible"),
                () -> client.usersInfo(UsersInfoRequest.builder().user(userId).build()));
        return response.isOk() ? Optional.ofNullable(response.getUser()) : Optional.empty();
    }

    /** The workspace's address ({@code https://<team>.slack.com/}), from {@code auth.test}. */
    public String workspaceUrl() {
        return call("auth.test", "finding the workspace's address", Set.of(),
                () -> client.authTest(AuthTestRequest.builder().build())).getUrl();
    }

    private <T extends SlackApiTextResponse> T call(String method, String what, Set<String> accepted, Call<T> call) {
        int failures = 0;
        int rateLimits = 0;
        while (true) {
            String trouble;
            Duration wait;
            try {
                pace.await(method);
                T response = call.send();
                if (response.isOk() || accepted.contains(response.getError())) {
                    return response;
                }
                String code = response.getError();
                if (!SLACK_TROUBLE.contains(code)) {
                    throw refused(method, what, code, response.getNeeded());
                }
                trouble = "Slack answered " + code;
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                if (status == 429) {
                    if (++rateLimits > MAX_RATE_LIMIT_WAITS) {
                        throw new SlackReadException(Kind.UNAVAILABLE, "ratelimited", "Slack kept rate limiting "
                                + method + " while " + what + " (" + MAX_RATE_LIMIT_WAITS + " times in a row);"
                                + " lower teammate.slack.sync.history-per-minute or replies-per-minute");
                    }
                    wait = Duration.ofSeconds(retryAfter(e.getResponse().header("Retry-After")));
                    LOG.info("Slack is rate limiting {} (HTTP 429) while {}: waiting {} s as it asks", method, what,
                            wait.toSeconds());
                    sleep(wait, method);
                    continue;
                }
                if (status < 500) {
                    throw new SlackReadException(Kind.SETUP, null, "Slack refused " + method + " while " + what
                            + " with HTTP " + status + "; check teammate.slack.server-url ("
                            + settings.serverUrl() + ")");
                }
                trouble = "HTTP " + status;
            } catch (IOException e) {
                trouble = "cannot reach Slack at " + settings.serverUrl() + " (" + e.getClass().getSimpleName()
                        + ": " + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw stopped(method);
            }
            if (++failures > settings.retries()) {
                throw new SlackReadException(Kind.UNAVAILABLE, null, method + " failed while " + what + " after "
                        + failures + " tries: " + trouble + "; the next sync tries again");
            }
            wait = settings.retryDelay().multipliedBy(1L << Math.min(failures - 1, 16));
            LOG.warn("{} failed while {} ({}); trying again in {} ms ({} of {} retries)", method, what, trouble,
                    wait.toMillis(), failures, settings.retries());
            sleep(wait, method);
        }
    }

    private SlackReadException refused(String method, String what, String code, String needed) {
        if (TOKEN_ERRORS.contains(code)) {
            return new SlackReadException(Kind.TOKEN, code, "Slack refused the token (" + code + ") while " + what
                    + ": put a valid bot token in " + settings.tokenVariable() + " and restart the hub");
        }
        String advice = switch (code) {
            case "not_in_channel" -> ": invite the bot with /invite @<bot name> in that channel";
            case "channel_not_found" -> ": check teammate.slack.sync.channels; a private channel is seen only once"
                    + " the bot is a member";
            case "missing_scope" -> ": add the scope " + (needed == null ? "asked for" : needed) + " to the Slack"
                    + " app, reinstall it, and restart the hub";
            default -> "";
        };
        return new SlackReadException(Kind.SETUP, code, method + " failed while " + what + " (Slack said " + code
                + ")" + advice);
    }

    private static long retryAfter(String header) {
        if (header != null) {
            try {
                return Math.max(1, Long.parseLong(header.strip()));
            } catch (NumberFormatException ignored) {
                // A date form or junk: wait Slack's usual minute.
            }
        }
        return DEFAULT_RETRY_AFTER_SECONDS;
    }

    private static void sleep(Duration wait, String method) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopped(method);
        }
    }

    private static SlackReadException stopped(String method) {
        return new SlackReadException(Kind.UNAVAILABLE, null, "stopped while waiting to call " + method);
    }

    private static String nextCursor(ResponseMetadata metadata) {
        if (metadata == null || metadata.getNextCursor() == null || metadata.getNextCursor().isBlank()) {
            return null;
        }
        return metadata.getNextCursor();
    }
}
