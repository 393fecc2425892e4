package dev.teammate.store;


import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses chunks the index could not hold or search correctly, before anything is written, so a bad item changes
 * nothing. Every message names the item and, where there is one, the chunk.
 */
public final class ChunkValidator {

    private final int dimensions;

    public ChunkValidator(int dimensions) {
        this.dimensions = dimensions;
    }

    public void validateItemId(String itemId) {
        if (itemId == null || itemId.isBlank()) {
            throw new IllegalArgumentException("itemId must not be null or blank");
        }
    }

    public void validate(String itemId, List<StoredChunk> chunks) {
        validateItemId(itemId);
        if (chunks == null) {
            throw new IllegalArgumentException("chunks of item " + itemId + " must not be null (use an empty list)");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < chunks.size(); i++) {
            StoredChunk chunk = chunks.get(i);
            if (chunk == null) {
                throw new IllegalArgumentException("chunk " + i + " of item " + itemId + " is null");
            }
            if (chunk.id() == null || chunk.id().isBlank()) {
                throw new IllegalArgumentException("chunk " + i + " of item " + itemId + " has no id");
            }
            validateChunk(itemId, chunk);
            if (!ids.add(chunk.id())) {
                throw new IllegalArgumentException("chunk " + chunk.id() + " appears twice in item " + itemId);
            }
        }
    }

    /** Validates the query vector of a search the same way as a chunk's. */
    public void validateQueryVector(float[] vector, SearchMode mode) {
        if (vector == null) {
            throw new IllegalArgumentException(mode + " search needs a query vector (use KEYWORD mode without one)");
        }
        String problem = vectorProblem(vector);
        if (problem != null) {
            throw new IllegalArgumentException("query vector " + problem);
        }
    }

    private void validateChunk(String itemId, StoredChunk chunk) {
        String id = chunk.id();
        if (!itemId.equals(chunk.itemId())) {
            throw new IllegalArgumentException("chunk " + id + " belongs to item " + chunk.itemId()
                    + ", not to item " + itemId + " being replaced");
        }
        if (chunk.source() == null || chunk.source().isBlank()) {
            throw new IllegalArgumentException("chunk " + id + " has no source");
        }
        if (chunk.text() == null) {
            throw new IllegalArgumentException("chunk " + id + " has null text");
        }
        if (chunk.position() < 0) {
            throw new IllegalArgumentException("chunk " + id + " has negative position " + chunk.position());
        }
        if (chunk.vector() == null) {
            throw new IllegalArgumentException("chunk " + id + " has no vector");
        }
        String problem = vectorProblem(chunk.vector());
        if (problem != null) {
            throw new IllegalArgumentException("chunk " + id + ": vector " + problem);
        }
    }

    /** What is wrong with the vector, or {@code null}. */
    private String vectorProblem(float[] vector) {
        if (vector.length != dimensions) {
            return "has " + vector.length + " dimensions, the store expects " + dimensions;
        }
        double squaredNorm = 0;
        for (float value : vector) {
            if (!Float.isFinite(value)) {
                return "contains " + value;
            }
            squaredNorm += (double) value * value;
        }
        // Cosine similarity of a zero vector is undefined; Lucene would score it NaN.
        if (squaredNorm == 0) {
            return "is all zeros";
        }
        return null;
    }
}
