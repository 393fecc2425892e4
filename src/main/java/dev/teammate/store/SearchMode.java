package dev.teammate.store;

/** Which retrievers a search uses. */
public enum SearchMode {
    /** Approximate nearest neighbours and BM25, fused by reciprocal rank fusion. */
    HYBRID,
    /** Approximate nearest neighbours over the embeddings only. */
    VECTOR,
    /** BM25 over the chunk text only. */
    KEYWORD
}
