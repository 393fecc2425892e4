package dev.teammate.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the vector retriever's and the keyword retriever's ranked lists into one by reciprocal rank fusion: a chunk
 * scores {@code Σ 1 / (k + rank)} over the lists that found it (rank 1-based). Only ranks count, so a BM25 score and
 * a cosine similarity never have to be put on one scale.
 *
 * <p>Store-agnostic: any {@link VectorStore} that runs the two retrievers itself can fuse with it, which keeps hybrid
 * results comparable between stores.
 */
public final class ReciprocalRankFusion {

    /** The constant from Cormack, Clarke and Büttcher (2009); it damps the weight of the very first ranks. */
    public static final int DEFAULT_K = 60;

    private final int k;

    public ReciprocalRankFusion() {
        this(DEFAULT_K);
    }

    public ReciprocalRankFusion(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("RRF constant k must be at least 1, was " + k);
        }
        this.k = k;
    }

    /**
     * Fuses two ranked lists of keys, each best first and free of duplicates. A key found by both retrievers appears
     * once, with both ranks set. Keys are whatever identifies a result to the caller (a chunk id, an index's
     * document number), so a store can fuse first and fetch only the chunks that made the cut.
     *
     * @param byVector  the vector retriever's results, best first (may be empty)
     * @param byKeyword the keyword retriever's results, best first (may be empty)
     * @param limit     how many results to return at most
     * @return results ordered by fused score, best first; ties go to the better single rank, then to the vector
     *         list's order, so the same inputs always give the same order
     */
    public <T> List<Fused<T>> fuse(List<T> byVector, List<T> byKeyword, int limit) {
        Map<T, Integer[]> ranks = new LinkedHashMap<>();
        for (int i = 0; i < byVector.size(); i++) {
            ranks.computeIfAbsent(byVector.get(i), key -> new Integer[2])[0] = i + 1;
        }
        for (int i = 0; i < byKeyword.size(); i++) {
            ranks.computeIfAbsent(byKeyword.get(i), key -> new Integer[2])[1] = i + 1;
        }

        List<Fused<T>> fused = new ArrayList<>(ranks.size());
        ranks.forEach((key, pair) -> fused.add(new Fused<>(key, score(pair[0]) + score(pair[1]), pair[0], pair[1])));
        // List.sort is stable: what the comparator leaves equal keeps the insertion (vector list) order.
        fused.sort(Comparator.<Fused<T>>comparingDouble(Fused::score).reversed()
                .thenComparingInt(Fused::bestRank));
        return fused.size() > limit ? List.copyOf(fused.subList(0, limit)) : List.copyOf(fused);
    }

    /** The contribution of one list in which the chunk has this 1-based rank; 0 when the list did not find it. */
    public double score(Integer rank) {
        return rank == null ? 0.0 : 1.0 / (k + rank);
    }

    /**
     * One fused result.
     *
     * @param key         what the retrievers returned
     * @param score       {@code Σ 1 / (k + rank)} over the lists that found it
     * @param vectorRank  1-based rank in the vector list, or {@code null}
     * @param keywordRank 1-based rank in the keyword list, or {@code null}
     */
    public record Fused<T>(T key, double score, Integer vectorRank, Integer keywordRank) {

        int bestRank() {
            return Math.min(vectorRank == null ? Integer.MAX_VALUE : vectorRank,
                    keywordRank == null ? Integer.MAX_VALUE : keywordRank);
        }
    }
}
