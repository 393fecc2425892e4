package dev.teammate.store.lucene;

import dev.teammate.store.StoredChunk;

import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link LuceneVectorStoreTest}: opens the store in the folder given as argument, writes one
 * item, says {@code ready}, then waits to be killed without ever closing the store, like a hub that crashes.
 */
public final class StoreHoldingProcess {

    public static final String ITEM_ID = "file:written-by-child";

    private StoreHoldingProcess() {
    }

    public static void main(String[] args) throws Exception {
        LuceneVectorStore store = new LuceneVectorStore(Path.of(args[0]));
        float[] vector = new float[store.dimensions()];
        vector[0] = 1;
        store.replaceItem(ITEM_ID, List.of(new StoredChunk(ITEM_ID + "#1#0", ITEM_ID, "file", "t", "l", 0,
                "committed before the crash", 0L, null, null, vector)));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
