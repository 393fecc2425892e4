package dev.teammate.item;

import java.time.Instant;
import java.util.Objects;

/**
 * One source object: a dropped file, a Drive file, a Slack thread.
 *
 * @param id      stable across versions: {@code file:<path relative to the inbox>}, {@code drive:<fileId>},
 *                {@code slack:<channel>:<thread_ts>}
 * @param source  the kind of source, the id's prefix: {@code file}, {@code drive}, {@code slack}
 * @param title   what people call it
 * @param link    where a person can open it
 * @param version changes whenever the content changes (a content hash, or the source's revision)
 * @param time    when it was last changed at the source (or when the meeting took place)
 */
public record Item(String id, String source, String title, String link, String version, Instant time) {

    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        if (!id.startsWith(source + ":")) {
            throw new IllegalArgumentException("Item id " + id + " does not start with its source " + source + ":");
        }
        title = title == null || title.isBlank() ? id : title;
        time = time == null ? Instant.EPOCH : time;
    }

    public Item withTitle(String newTitle) {
        return new Item(id, source, newTitle, link, version, time);
    }

    /** The source of an item id: what comes before the first colon. */
    public static String sourceOf(String itemId) {
        int colon = itemId.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Not an item id (expected source:name): " + itemId);
        }
        return itemId.substring(0, colon);
    }

    /** The id of chunk {@code position} of this version of the item. */
    public String chunkId(int position) {
        String shortVersion = version.length() > 16 ? version.substring(0, 16) : version;
        return id + "#" + shortVersion + "#" + position;
    }
}
