package dev.teammate.index;

import dev.teammate.chunk.Chunk;
import dev.teammate.item.Item;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One item on its way into the store: its chunks, and their embeddings as they arrive from the embedding step
 * (which may run several chunks at once).
 */
public final class IndexBatch {

    private final Item item;
    private final List<Chunk> chunks;
    private final float[][] vectors;
    private final AtomicInteger embedded = new AtomicInteger();
    private final long startedNanos = System.nanoTime();

    public IndexBatch(Item item, List<Chunk> chunks) {
        this.item = item;
        this.chunks = List.copyOf(chunks);
        this.vectors = new float[chunks.size()][];
    }

    public Item item() {
        return item;
    }

    /** The chunks in position order; the route splits over this list. */
    public List<Chunk> getChunks() {
        return chunks;
    }

    public int size() {
        return chunks.size();
    }

    /** Sets the embedding of chunk {@code position}; returns how many chunks have one now. */
    int accept(int position, float[] vector) {
        if (vector == null) {
            throw new IllegalStateException("No embedding came back for chunk " + position + " of " + item.id());
        }
        vectors[position] = vector;
        return embedded.incrementAndGet();
    }

    float[] vector(int position) {
        float[] vector = vectors[position];
        if (vector == null) {
            throw new IllegalStateException("Chunk " + position + " of " + item.id() + " was never embedded");
        }
        return vector;
    }

    long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }

    int totalTokens() {
        return chunks.stream().mapToInt(Chunk::tokens).sum();
    }
}
