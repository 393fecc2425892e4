package dev.teammate.store;

/**
 * A search against a {@link VectorStore}.
 *
 * @param text       the query as typed; used by the keyword retriever (may be blank in {@link SearchMode#VECTOR})
 * @param vector     the query's embedding; used by the vector retriever (may be {@code null} in
 *                   {@link SearchMode#KEYWORD})
 * @param k          how many results to return
 * @param candidates how many candidates each retriever contributes before fusion (at least {@code k})
 * @param filter     restrictions applied inside both retrievers, never after
 * @param mode       which retrievers to use
 */
public record SearchRequest(String text, float[] vector, int k, int candidates, SearchFilter filter, SearchMode mode) {

    public SearchRequest {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        candidates = Math.max(candidates, k);
        filter = filter == null ? SearchFilter.NONE : filter;
        mode = mode == null ? SearchMode.HYBRID : mode;
    }

    public static SearchRequest hybrid(String text, float[] vector, int k) {
        return new SearchRequest(text, vector, k, Math.max(100, k), SearchFilter.NONE, SearchMode.HYBRID);
    }
}
