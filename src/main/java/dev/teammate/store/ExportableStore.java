package dev.teammate.store;

import java.util.List;

/** A store whose whole content can be read back, vectors included: what copying it to another store needs. */
public interface ExportableStore extends VectorStore {

    /** Item ids in ascending order, the first {@code limit} after {@code after} ({@code null}: from the start). */
    List<String> itemIdsAfter(String after, int limit);

    /** The item's chunks with their vectors, in position order. */
    List<StoredChunk> export(String itemId);
}
