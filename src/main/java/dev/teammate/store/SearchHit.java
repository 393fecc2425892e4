package dev.teammate.store;

/**
 * One ranked result.
 *
 * @param chunk       the chunk found (without its vector)
 * @param score       the fused score (reciprocal rank fusion) in hybrid mode, the retriever's own score otherwise;
 *                    higher is better
 * @param vectorRank  1-based rank in the vector retriever's list, or {@code null} when it did not find the chunk
 * @param keywordRank 1-based rank in the keyword retriever's list, or {@code null} when it did not find the chunk
 */
public record SearchHit(StoredChunk chunk, double score, Integer vectorRank, Integer keywordRank) {
}
