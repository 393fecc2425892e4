package dev.teammate.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teammate.slack.FakeSlackServer.Call;
import dev.teammate.slack.FakeSlackServer.MethodError;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The channels, messages and users behind a {@link FakeSlackServer}, which a test changes as people would (post,
 * reply, edit, delete, add a channel), served as Slack serves them: {@code conversations.list}, {@code
 * conversations.history}, {@code conversations.replies} and {@code users.info}, with cursor pagination
 * ({@code response_metadata.next_cursor}, and {@code has_more} for history and replies).
 *
 * <p>As in Slack: history holds the top-level messages only, newest first, a thread's parent with {@code
 * reply_count}, {@code reply_users_count} and {@code latest_reply}; replies come through conversations.replies,
 * parent first. An edit sets {@code edited.ts}. Deleting a parent that still has replies leaves a {@code tombstone}
 * in its place ("This message was deleted."), which goes when its last reply goes. {@code oldest} and {@code
 * latest} are exclusive unless {@code inclusive} is true.
 */
public final class FakeSlackWorkspace {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 100;

    /** A message as the workspace holds it. */
    public static final class Message {
        final String ts;
        final String user;
        final String threadTs;
        String text;
        String editedTs;
        boolean tombstone;

        Message(String ts, String user, String threadTs, String text) {
            this.ts = ts;
            this.user = user;
            this.threadTs = threadTs;
            this.text = text;
        }

        public String ts() {
            return ts;
        }

        public String text() {
            return text;
        }

        public String user() {
            return user;
        }

        boolean isReply() {
            return threadTs != null && !threadTs.equals(ts);
        }
    }

    /** A channel's messages by ts, and each thread's replies by parent ts (so a big channel is served quickly). */
    private record Channel(String id, String name, boolean isPrivate, TreeMap<String, Message> messages,
                           Map<String, TreeMap<String, Message>> replies) {
    }

    private final FakeSlackServer server;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, String[]> users = new LinkedHashMap<>();
    private long lastMicros;

    private FakeSlackWorkspace(FakeSlackServer server) {
        this.server = server;
        server.handle("conversations.list", this::list);
        server.handle("conversations.history", this::history);
        server.handle("conversations.replies", this::replies);
        server.handle("users.info", this::userInfo);
    }

    /** Answers a call of one of the methods this workspace serves, for a test that wraps a method's handler. */
    public ObjectNode serve(String method, Call call) {
        return switch (method) {
            case "conversations.list" -> list(call);
            case "conversations.history" -> history(call);
            case "conversations.replies" -> replies(call);
            case "users.info" -> userInfo(call);
            default -> throw new IllegalArgumentException("not a method of the workspace: " + method);
        };
    }

    /** Serves the reading methods of {@code server} from a new, empty workspace. */
    public static FakeSlackWorkspace on(FakeSlackServer server) {
        return new FakeSlackWorkspace(server);
    }

    public synchronized void addUser(String id, String displayName, String realName) {
        users.put(id, new String[] {displayName, realName});
    }

    public synchronized void addChannel(String name, String id, boolean isPrivate) {
        channels.put(id, new Channel(id, name, isPrivate, new TreeMap<>(), new java.util.HashMap<>()));
        server.channel(name, id, true);
    }

    /** Posts a top-level message now; returns its ts. */
    public synchronized String post(String channelId, String user, String text) {
        return add(channelId, user, null, text, nextTs(Instant.now()));
    }

    /** Posts a top-level message at a given time in the past (for history older than a sync's window). */
    public synchronized String postAt(String channelId, String user, String text, Instant at) {
        return add(channelId, user, null, text, nextTs(at));
    }

    /** Replies in the thread of {@code parentTs}; returns the reply's ts. */
    public synchronized String reply(String channelId, String parentTs, String user, String text) {
        Message parent = channel(channelId).messages().get(parentTs);
        if (parent == null || parent.isReply()) {
            throw new IllegalArgumentException("no thread " + parentTs + " in " + channelId);
        }
        return add(channelId, user, parentTs, text, nextTs(Instant.now()));
    }

    public synchronized void edit(String channelId, String ts, String text) {
        Message message = channel(channelId).messages().get(ts);
        if (message == null || message.tombstone) {
            throw new IllegalArgumentException("no message " + ts + " in " + channelId);
        }
        message.text = text;
        message.editedTs = nextTs(Instant.now());
    }

    public synchronized void delete(String channelId, String ts) {
        Channel channel = channel(channelId);
        TreeMap<String, Message> messages = channel.messages();
        Message message = messages.get(ts);
        if (message == null || message.tombstone) {
            throw new IllegalArgumentException("no message " + ts + " in " + channelId);
        }
        if (message.isReply()) {
            messages.remove(ts);
            channel.replies().get(message.threadTs).remove(ts);
            Message parent = messages.get(message.threadTs);
            if (parent.tombstone && replies(channel, parent.ts).isEmpty()) {
                messages.remove(parent.ts);
            }
        } else if (replies(channel, ts).isEmpty()) {
            messages.remove(ts);
        } else {
            message.tombstone = true;
            message.text = "This message was deleted.";
        }
    }

    /**
     * What a sync should hold of a channel: per thread (by parent ts) the texts of its messages people wrote, parent
     * first, for threads started after {@code after}.
     */
    public synchronized Map<String, List<String>> threads(String channelId, Instant after) {
        Map<String, List<String>> threads = new TreeMap<>();
        Channel channel = channel(channelId);
        for (Message message : channel.messages().values()) {
            if (message.isReply() || !Instant.ofEpochSecond(Long.parseLong(message.ts.split("\\.")[0]))
                    .isAfter(after)) {
                continue;
            }
            List<String> texts = new ArrayList<>();
            if (!message.tombstone) {
                texts.add(message.text);
            }
            replies(channel, message.ts).forEach(reply -> texts.add(reply.text));
            threads.put(message.ts, texts);
        }
        return threads;
    }

    /** Every message of the channel (top-level and replies, tombstones left out), oldest first. */
    public synchronized List<Message> messages(String channelId) {
        return channel(channelId).messages().values().stream().filter(m -> !m.tombstone).toList();
    }

    /** Top-level messages only, tombstones included, oldest first. */
    public synchronized List<Message> topLevel(String channelId) {
        return channel(channelId).messages().values().stream().filter(m -> !m.isReply()).toList();
    }

    public synchronized String userName(String id) {
        return users.get(id)[0];
    }

    private String add(String channelId, String user, String threadTs, String text, String ts) {
        Channel channel = channel(channelId);
        Message message = new Message(ts, user, threadTs, text);
        channel.messages().put(ts, message);
        if (threadTs != null) {
            channel.replies().computeIfAbsent(threadTs, t -> new TreeMap<>()).put(ts, message);
        }
        return ts;
    }

    /** Timestamps strictly increase, as Slack's do within a channel. */
    private String nextTs(Instant at) {
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
        if (at.isAfter(Instant.now().minusSeconds(60))) {
            micros = Math.max(micros, lastMicros + 1);
            lastMicros = micros;
        }
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private Channel channel(String id) {
        Channel channel = channels.get(id);
        if (channel == null) {
            throw new IllegalArgumentException("no channel " + id);
        }
        return channel;
    }

    private static List<Message> replies(Channel channel, String parentTs) {
        TreeMap<String, Message> replies = channel.replies().get(parentTs);
        return replies == null ? List.of() : List.copyOf(replies.values());
    }

    private synchronized ObjectNode list(Call call) {
        Set<String> types = Set.of(call.params().getOrDefault("types", "public_channel").split(","));
        List<Channel> shown = channels.values().stream()
                .filter(c -> types.contains(c.isPrivate() ? "private_channel" : "public_channel")).toList();
        int offset = call.params().containsKey("cursor") && !call.params().get("cursor").isEmpty()
                ? Integer.parseInt(decode(call.params().get("cursor")).substring("offset:".length())) : 0;
        int limit = limit(call, 1000);
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode array = answer.putArray("channels");
        for (Channel channel : shown.subList(Math.min(offset, shown.size()), Math.min(offset + limit,
                shown.size()))) {
            ObjectNode node = array.addObject();
            node.put("id", channel.id()).put("name", channel.name()).put("name_normalized", channel.name())
                    .put("is_channel", true).put("is_group", false).put("is_im", false).put("is_mpim", false)
                    .put("is_private", channel.isPrivate()).put("is_archived", false).put("is_general", false)
                    .put("is_shared", false).put("is_org_shared", false).put("is_member", true)
                    .put("created", 1_600_000_000L).put("creator", "U0ADMIN");
            node.putObject("topic").put("value", "").put("creator", "").put("last_set", 0);
            node.putObject("purpose").put("value", "").put("creator", "").put("last_set", 0);
        }
        String next = offset + limit < shown.size() ? encode("offset:" + (offset + limit)) : "";
        answer.putObject("response_metadata").put("next_cursor", next);
        return answer;
    }

    private synchronized ObjectNode history(Call call) {
        Channel channel = requireChannel(call);
        boolean inclusive = "true".equals(call.params().get("inclusive")) || "1".equals(call.params().get("inclusive"));
        String oldest = call.params().get("oldest");
        String latest = call.params().get("latest");
        String cursor = call.params().get("cursor");
        String startAt = cursor == null || cursor.isEmpty() ? null : decode(cursor).substring("next_ts:".length());
        List<Message> shown = new ArrayList<>();
        for (Message message : channel.messages().descendingMap().values()) {
            if (message.isReply() || !inRange(message.ts, oldest, latest, inclusive)) {
                continue;
            }
            if (startAt != null && compare(message.ts, startAt) > 0) {
                continue;
            }
            shown.add(message);
        }
        return page(channel, shown, limit(call, 999), "messages");
    }

    private synchronized ObjectNode replies(Call call) {
        Channel channel = requireChannel(call);
        String ts = call.params().get("ts");
        Message asked = ts == null ? null : channel.messages().get(ts);
        if (asked == null) {
            throw new MethodError("thread_not_found");
        }
        Message parent = asked.isReply() ? channel.messages().get(asked.threadTs) : asked;
        String cursor = call.params().get("cursor");
        String startAt = cursor == null || cursor.isEmpty() ? null : decode(cursor).substring("next_ts:".length());
        List<Message> thread = new ArrayList<>();
        thread.add(parent);
        thread.addAll(replies(channel, parent.ts));
        if (startAt != null) {
            thread = thread.stream().filter(m -> compare(m.ts, startAt) >= 0).toList();
        }
        return page(channel, thread, limit(call, 1000), "messages");
    }

    private ObjectNode page(Channel channel, List<Message> shown, int limit, String field) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode array = answer.putArray(field);
        for (Message message : shown.subList(0, Math.min(limit, shown.size()))) {
            array.add(json(channel, message));
        }
        boolean more = shown.size() > limit;
        answer.put("has_more", more);
        answer.put("pin_count", 0);
        answer.putObject("response_metadata").put("next_cursor", more ? encode("next_ts:" + shown.get(limit).ts)
                : "");
        return answer;
    }

    private ObjectNode json(Channel channel, Message message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "message");
        if (message.tombstone) {
            node.put("subtype", "tombstone");
            node.put("user", "USLACKBOT");
        } else {
            node.put("user", message.user);
        }
        node.put("text", message.text);
        node.put("ts", message.ts);
        if (message.editedTs != null && !message.tombstone) {
            node.putObject("edited").put("user", message.user).put("ts", message.editedTs);
        }
        if (message.isReply()) {
            node.put("thread_ts", message.threadTs);
            node.put("parent_user_id", channel.messages().get(message.threadTs).user);
            return node;
        }
        List<Message> replies = replies(channel, message.ts);
        if (!replies.isEmpty()) {
            node.put("thread_ts", message.ts);
            node.put("reply_count", replies.size());
            node.put("reply_users_count", replies.stream().map(m -> m.user).distinct().count());
            node.put("latest_reply", replies.get(replies.size() - 1).ts);
            ArrayNode replyUsers = node.putArray("reply_users");
            replies.stream().map(m -> m.user).distinct().forEach(replyUsers::add);
        }
        return node;
    }

    private synchronized ObjectNode userInfo(Call call) {
        String id = call.params().get("user");
        String[] names = id == null ? null : users.get(id);
        if (names == null) {
            throw new MethodError("user_not_found");
        }
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode user = answer.putObject("user");
        user.put("id", id).put("team_id", FakeSlackServer.TEAM_ID).put("name", names[0].toLowerCase(Locale.ROOT))
                .put("deleted", false).put("real_name", names[1]).put("is_bot", false).put("is_app_user", false)
                .put("updated", 1_600_000_000L);
        user.putObject("profile").put("real_name", names[1]).put("display_name", names[0])
                .put("real_name_normalized", names[1]).put("display_name_normalized", names[0]);
        return answer;
    }

    private Channel requireChannel(Call call) {
        Channel channel = channels.get(call.params().get("channel"));
        if (channel == null) {
            throw new MethodError("channel_not_found");
        }
        return channel;
    }

    private static int limit(Call call, int max) {
        String limit = call.params().get("limit");
        int asked = limit == null || limit.isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(limit);
        return Math.max(1, Math.min(asked, max));
    }

    private static boolean inRange(String ts, String oldest, String latest, boolean inclusive) {
        if (oldest != null && !oldest.isEmpty()) {
            int c = compare(ts, oldest);
            if (c < 0 || c == 0 && !inclusive) {
                return false;
            }
        }
        if (latest != null && !latest.isEmpty()) {
            int c = compare(ts, latest);
            return c < 0 || c == 0 && inclusive;
        }
        return true;
    }

    static int compare(String a, String b) {
        return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
    }

    private static String encode(String cursor) {
        return Base64.getEncoder().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MethodError("invalid_cursor");
        }
    }
}
