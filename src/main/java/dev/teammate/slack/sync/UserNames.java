package dev.teammate.slack.sync;

import com.slack.api.model.User;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names for user ids, looked up once each through {@code users.info} and kept for the life of the hub, and message
 * text made readable: mentions become names, channel mentions and links their labels, entities their characters.
 * A name changed in Slack after it was looked up shows after the next restart, once the thread changes.
 */
public class UserNames {

    private static final Pattern USER_MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern CHANNEL_MENTION = Pattern.compile("<#([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern SPECIAL_MENTION = Pattern.compile("<!([a-z]+)(?:\\^[^|>]*)?(?:\\|([^>]*))?>");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)(?:\\|([^>]*))?>");

    private final SlackReader reader;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public UserNames(SlackReader reader) {
        this.reader = reader;
    }

    /** The name people see for {@code userId}: the display name, else the real name, else the user name. */
    public String name(String userId) {
        if (userId == null || userId.isBlank()) {
            return "unknown";
        }
        String cached = names.get(userId);
        if (cached != null) {
            return cached;
        }
        String name = reader.user(userId).map(UserNames::shownName).orElse(userId);
        names.put(userId, name);
        return name;
    }

    /** The text with Slack's markup for mentions, links and {@code &amp;}-style entities turned into plain words. */
    public String readable(String text) {
        if (text == null) {
            return "";
        }
        String result = replace(USER_MENTION, text, m -> "@" + name(m.group(1)));
        result = replace(CHANNEL_MENTION, result, m -> "#" + (m.group(2) == null ? m.group(1) : m.group(2)));
        result = replace(SPECIAL_MENTION, result, m -> "@" + (m.group(2) == null ? m.group(1) : m.group(2)));
        result = replace(LINK, result, m -> m.group(2) == null || m.group(2).isBlank() ? m.group(1)
                : m.group(2) + " (" + m.group(1) + ")");
        return result.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String shownName(User user) {
        if (user.getProfile() != null && notBlank(user.getProfile().getDisplayName())) {
            return user.getProfile().getDisplayName();
        }
        if (notBlank(user.getRealName())) {
            return user.getRealName();
        }
        return notBlank(user.getName()) ? user.getName() : user.getId();
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
