package dev.teammate.slack.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * What the ledger keeps per channel (as the cursor {@code slack#<channel id>}): where the channel's window starts
 * (fixed by its first sync, so the window does not slide and drop items that were once in it), the newest message
 * whose thread is stored, and when the recent threads were last read again in full.
 *
 * @param windowStart messages older than this are never read
 * @param newest      every top-level message up to this one is stored; the next sync reads what came after it
 * @param lastRecheck when the look-back window was last read again, or {@code null} before the first full read
 */
public record ChannelCursor(SlackTs windowStart, SlackTs newest, Instant lastRecheck) {

    public static String key(String channelId) {
        return "slack#" + channelId;
    }

    public static ChannelCursor first(SlackTs windowStart) {
        return new ChannelCursor(windowStart, windowStart, null);
    }

    /** Reads the stored form; an empty or unreadable one means "never synced". */
    public static Optional<ChannelCursor> parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return Optional.empty();
        }
        String[] parts = stored.split(" ", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Instant recheck = parts[2].equals("-") ? null : Instant.parse(parts[2]);
            return Optional.of(new ChannelCursor(SlackTs.parse(parts[0]), SlackTs.parse(parts[1]), recheck));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public String format() {
        return windowStart + " " + newest + " " + (lastRecheck == null ? "-" : lastRecheck.toString());
    }

    public ChannelCursor withNewest(SlackTs newer) {
        return newer.isAfter(newest) ? new ChannelCursor(windowStart, newer, lastRecheck) : this;
    }

    public ChannelCursor withRecheck(Instant at) {
        return new ChannelCursor(windowStart, newest, at);
    }
}
