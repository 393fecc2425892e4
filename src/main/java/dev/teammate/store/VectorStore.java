package dev.teammate.store;

import java.util.List;

/**
 * Where chunks and their embeddings live. Every implementation passes the same contract test suite, so the hub
 * behaves the same whichever store is configured.
 *
 * <p>Writes are per item: the ledger decides what an item's chunks are, the store makes that so. After
 * {@link #replaceItem} returns, the chunks are durable and searchable, and no chunk of an earlier version of that
 * item remains.
 */
public interface VectorStore extends AutoCloseable {

    /** Number of dimensions every vector must have. */
    int dimensions();

    /**
     * Makes {@code chunks} the item's only chunks: adds or overwrites them by id and removes every other chunk of
     * {@code itemId}. An empty list removes the item.
     */
    void replaceItem(String itemId, List<StoredChunk> chunks);

    /** Removes every chunk of the item. Removing an item that has no chunks is not an error. */
    void removeItem(String itemId);

    /** Ids of the item's chunks currently stored, in position order. */
    List<String> chunkIds(String itemId);

    /** Total number of chunks stored. */
    long count();

    /**
     * Ranked results, best first, at most {@code request.k()} of them. In {@link SearchMode#VECTOR} mode a hit's
     * score is {@code (1 + cosine similarity) / 2}, from 0 to 1, in every store.
     */
    List<SearchHit> search(SearchRequest request);

    /** The cosine similarity behind a {@link SearchMode#VECTOR} score. */
    static double cosine(double vectorScore) {
        return 2 * vectorScore - 1;
    }

    @Override
    void close();
}
