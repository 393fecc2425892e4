package dev.teammate.ledger;

import dev.teammate.item.Item;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hub's memory of what it has done: per item, the version last indexed and the chunk ids written; per source,
 * the cursor to resume from. It is what makes re-syncing exact: the same version means no work, a new version means
 * the old chunks are replaced, an item gone at its source is removed.
 */
public interface Ledger extends AutoCloseable {

    Optional<LedgerEntry> find(String itemId);

    /** True when this exact version of the item is already indexed. */
    default boolean isIndexed(Item item) {
        return find(item.id())
                .filter(e -> e.status() == ItemStatus.INDEXED && e.version().equals(item.version()))
                .isPresent();
    }

    /** Entries ordered by item id; {@code source} and {@code status} may be {@code null} for "any". */
    List<LedgerEntry> list(String source, ItemStatus status, int offset, int limit);

    /** Records that this version of the item is stored as exactly these chunks. */
    void recordIndexed(Item item, List<String> chunkIds);

    /** Records that the item is kept but waits for a stage that is not available yet. */
    void recordWaiting(Item item, String reason);

    /**
     * Records that work on this version of the item starts now (it is WAITING until it finishes) and returns how
     * many times that has happened without the work finishing, this time included. Work that crashes the process
     * leaves the count up, so a caller can give up on an item that keeps failing that way.
     */
    int recordAttempt(Item item, String reason);

    /**
     * Changes why a WAITING item waits, keeping its count of attempts (which {@link #recordWaiting} starts again):
     * for work that failed in a way that should count towards giving up. Does nothing for an item in another state.
     */
    void updateWaitingReason(String itemId, String reason);

    /** Records a failed attempt; chunks of an earlier indexed version, if any, are left as they are. */
    void recordFailed(Item item, String reason);

    /** Forgets the item. Returns false when it was not known. */
    boolean remove(String itemId);

    /** Number of items per status. */
    Map<ItemStatus, Long> countByStatus();

    /** Number of one source's items per status. */
    Map<ItemStatus, Long> countByStatus(String source);

    Optional<String> cursor(String source);

    void saveCursor(String source, String cursor);

    @Override
    void close();
}
