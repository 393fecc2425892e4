package dev.teammate.retrieve;

import dev.teammate.store.SearchFilter;
import dev.teammate.store.SearchHit;
import dev.teammate.store.SearchMode;
import dev.teammate.store.SearchRequest;
import dev.teammate.store.StoredChunk;
import dev.teammate.store.VectorStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the chunks a prompt is built on: a hybrid search per query (vectors and keywords fused), merged so that
 * each query's best chunks come first and no chunk appears twice, then numbered as sources.
 *
 * <p>Whether the data holds anything on a question at all is judged by meaning alone: the best cosine similarity
 * between a query and any chunk. Keyword search always finds something that shares a common word, so its hits
 * cannot tell "nothing on this" apart from "something on this".
 */
public class Retriever {

    private final VectorStore store;
    private final int candidates;

    public Retriever(VectorStore store, int candidates) {
        this.store = store;
        this.candidates = candidates;
    }

    /** A query as searched: its words for the keyword side, its embedding for the vector side. */
    public record Query(String text, float[] vector) {
    }

    /**
     * The sources for these queries: round by round, each query's next best chunk not taken yet, until {@code max}
     * sources or the results run out.
     */
    public List<Source> retrieve(List<Query> queries, SearchFilter filter, int perQuery, int max) {
        List<List<SearchHit>> results = new ArrayList<>();
        for (Query query : queries) {
            results.add(store.search(new SearchRequest(query.text(), query.vector(), perQuery,
                    Math.max(candidates, perQuery), filter, SearchMode.HYBRID)));
        }
        Map<String, StoredChunk> picked = new LinkedHashMap<>();
        for (int round = 0; round < perQuery && picked.size() < max; round++) {
            for (List<SearchHit> hits : results) {
                if (round < hits.size() && picked.size() < max) {
                    StoredChunk chunk = hits.get(round).chunk();
                    picked.putIfAbsent(chunk.id(), chunk);
                }
            }
        }
        List<Source> sources = new ArrayList<>(picked.size());
        for (StoredChunk chunk : picked.values()) {
            sources.add(new Source(sources.size() + 1, chunk));
        }
        return sources;
    }

    /** The highest cosine similarity between the query and any chunk the filter lets through; -1 when none does. */
    public double bestSimilarity(Query query, SearchFilter filter) {
        List<SearchHit> best = store.search(new SearchRequest(query.text(), query.vector(), 1, candidates, filter,
                SearchMode.VECTOR));
        return best.isEmpty() ? -1 : VectorStore.cosine(best.get(0).score());
    }
}
