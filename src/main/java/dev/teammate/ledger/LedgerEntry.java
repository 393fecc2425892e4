package dev.teammate.ledger;

import dev.teammate.item.Item;

import java.time.Instant;
import java.util.List;

/**
 * What the ledger knows of one item.
 *
 * @param chunkIds   ids of the chunks written for {@link #version}, in position order (empty unless indexed)
 * @param reason     why the item waits or failed; {@code null} when indexed
 * @param firstSeen  when the hub first saw the item
 * @param updated    when this entry last changed
 * @param attempts   how many times work on this version started without finishing (see
 *                   {@link Ledger#recordAttempt}); 0 once it is indexed, failed or queued anew
 */
public record LedgerEntry(
        String itemId,
        String source,
        String title,
        String link,
        String version,
        Instant itemTime,
        ItemStatus status,
        String reason,
        List<String> chunkIds,
        Instant firstSeen,
        Instant updated,
        int attempts) {

    /** The item this entry is about, as the ledger last recorded it. */
    public Item item() {
        return new Item(itemId, source, title, link, version, itemTime);
    }
}
