package dev.teammate.slack.sync;

import com.slack.api.model.Conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns the configured channels ({@code #eng}, {@code eng} or an id like {@code C0123ABCD}) into ids and names.
 * The workspace's channel list ({@code conversations.list}) is read once per hub start and again only when a
 * configured name is not in it, so a sync with nothing new costs no listing.
 */
public class SlackChannels {

    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");

    /** A channel to sync: its id, and its name with {@code #} (or its id when its name is not known). */
    public record Channel(String id, String name) {
    }

    /** The channels found, and a reason for each configured one that was not. */
    public record Resolution(List<Channel> channels, List<String> problems) {
    }

    private final SlackReader reader;
    private volatile Map<String, String> idsByName;
    private volatile Map<String, String> namesById;

    public SlackChannels(SlackReader reader) {
        this.reader = reader;
    }

    public Resolution resolve(List<String> configured) {
        boolean listedNow = false;
        if (idsByName == null) {
            list();
            listedNow = true;
        }
        List<Channel> channels = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String entry : configured) {
            String wanted = entry.strip();
            if (CHANNEL_ID.matcher(wanted).matches()) {
                String name = namesById.get(wanted);
                channels.add(new Channel(wanted, name == null ? wanted : "#" + name));
                continue;
            }
            String name = wanted.startsWith("#") ? wanted.substring(1) : wanted;
            String id = idsByName.get(name);
            if (id == null && !listedNow) {
                list();
                listedNow = true;
                id = idsByName.get(name);
            }
            if (id == null) {
                problems.add("channel #" + name + " is not in the workspace's channel list: check"
                        + " teammate.slack.sync.channels; a private channel shows only once the bot is a member");
            } else {
                channels.add(new Channel(id, "#" + name));
            }
        }
        return new Resolution(channels, problems);
    }

    private void list() {
        Map<String, String> byName = new ConcurrentHashMap<>();
        Map<String, String> byId = new ConcurrentHashMap<>();
        for (Conversation conversation : reader.channels()) {
            if (conversation.getName() != null) {
                byName.put(conversation.getName(), conversation.getId());
                byId.put(conversation.getId(), conversation.getName());
            }
        }
        namesById = byId;
        idsByName = byName;
    }
}
