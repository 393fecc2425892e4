package dev.teammate.slack.sync;

import com.slack.api.model.Message;
import dev.teammate.extract.ExtractedText;
import dev.teammate.extract.Segment;
import dev.teammate.item.Item;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes one item of a thread (or of a message without replies): {@code slack:<channel id>:<thread ts>}, one segment
 * per message ("Name: text"), a version that is a hash of what the messages say now (each message's ts, author,
 * text and edit time, so an edit or a deletion gives a new version and a name change alone does not), titled
 * {@code #channel: first words}, linked to the parent's permalink, timed by its latest message.
 */
public class ThreadItems {

    public static final String SOURCE = "slack";

    /** Messages Slack writes about the channel itself, and the stand-in for a deleted parent: not content. */
    static final Set<String> NOT_CONTENT = Set.of("tombstone", "channel_join", "channel_leave", "channel_topic",
            "channel_purpose", "channel_name", "channel_archive", "channel_unarchive", "group_join", "group_leave",
            "group_topic", "group_purpose", "group_name", "group_archive", "group_unarchive", "pinned_item",
            "unpinned_item", "bot_add", "bot_remove", "channel_convert_to_private", "channel_convert_to_public");
    private static final int TITLE_WORDS = 8;
    private static final int TITLE_CHARS = 60;

    /** An item with its text, ready for {@code direct:index}. */
    public record ThreadItem(Item item, ExtractedText text) {
    }

    private final UserNames names;

    public ThreadItems(UserNames names) {
        this.names = names;
    }

    public static String itemId(String channelId, String threadTs) {
        return SOURCE + ":" + channelId + ":" + threadTs;
    }

    /** The thread ts in an item id of this source, or {@code null} for another id. */
    static SlackTs threadTs(String itemId) {
        int last = itemId.lastIndexOf(':');
        try {
            return SlackTs.parse(itemId.substring(last + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True for a message that holds something a person wrote (not a join notice or a deleted parent's stand-in). */
    static boolean isContent(Message message) {
        return message.getSubtype() == null || !NOT_CONTENT.contains(message.getSubtype());
    }

    /**
     * The item of a thread, or empty when none of its messages holds anything any more (all deleted, or only
     * notices), which means the item should not exist.
     */
    public Optional<ThreadItem> item(String channelId, String channelName, String workspaceUrl, String threadTs,
                                     List<Message> messages) {
        List<Message> content = messages.stream().filter(ThreadItems::isContent)
                .filter(m -> m.getText() != null && !m.getText().isBlank()).toList();
        if (content.isEmpty()) {
            return Optional.empty();
        }

        List<Segment> segments = new ArrayList<>();
        MessageDigest digest = sha256();
        SlackTs latest = SlackTs.parse(threadTs);
        for (Message message : content) {
            String author = author(message);
            segments.add(Segment.paragraph(author + ": " + names.readable(message.getText()).strip()));
            String edited = message.getEdited() == null ? "" : message.getEdited().getTs();
            String authorId = message.getUser() != null ? message.getUser() : message.getBotId();
            for (String part : new String[] {message.getTs(), authorId, message.getText(), edited}) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            SlackTs ts = SlackTs.parse(message.getTs());
            latest = ts.isAfter(latest) ? ts : latest;
        }

        String version = HexFormat.of().formatHex(digest.digest());
        String title = channelName + ": " + firstWords(segments.get(0).text());
        Item item = new Item(itemId(channelId, threadTs), SOURCE, title, permalink(workspaceUrl, channelId, threadTs),
                version, latest.instant());
        return Optional.of(new ThreadItem(item, new ExtractedText(null, segments, false)));
    }

    private String author(Message message) {
        if (message.getUser() != null) {
            return names.name(message.getUser());
        }
        if (message.getUsername() != null && !message.getUsername().isBlank()) {
            return message.getUsername();
        }
        return message.getBotProfile() != null && message.getBotProfile().getName() != null
                ? message.getBotProfile().getName() : "bot";
    }

    /** The words after "Name: ", cut to a title's length. */
    private static String firstWords(String segment) {
        String text = segment.substring(segment.indexOf(": ") + 2).replaceAll("\\s+", " ").strip();
        String[] words = text.split(" ");
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < Math.min(words.length, TITLE_WORDS); i++) {
            if (title.length() + words[i].length() > TITLE_CHARS) {
                break;
            }
            title.append(i == 0 ? "" : " ").append(words[i]);
        }
        boolean cut = title.length() < text.length();
        return title.length() == 0 ? text.substring(0, Math.min(text.length(), TITLE_CHARS)) + "…"
                : title + (cut ? "…" : "");
    }

    static String permalink(String workspaceUrl, String channelId, String threadTs) {
        if (workspaceUrl == null || workspaceUrl.isBlank()) {
            return null;
        }
        String base = workspaceUrl.endsWith("/") ? workspaceUrl.substring(0, workspaceUrl.length() - 1)
                : workspaceUrl;
        return base + "/archives/" + channelId + "/" + SlackTs.parse(threadTs).permalinkPart();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
