package dev.teammate.api;

import dev.teammate.extract.Timestamps;
import dev.teammate.store.SearchFilter;
import dev.teammate.store.SearchHit;
import dev.teammate.store.SearchMode;
import dev.teammate.store.SearchRequest;
import dev.teammate.store.StoredChunk;
import dev.teammate.store.VectorStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.langchain4j.embeddings.LangChain4jEmbeddingsHeaders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/search}: hybrid search over every chunk. The route embeds the query between {@link #query} and
 * {@link #search}, through the same embedding endpoint the index uses.
 *
 * <p>Parameters: {@code q} (required), {@code k} (results, default 10), {@code mode} (hybrid, vector, keyword),
 * {@code source} and {@code item} (comma-separated), {@code from} and {@code to} (item time, a date or an instant).
 */
public class SearchApi {

    static final String QUERY = "teammateSearch";
    private static final int MAX_QUERY_CHARS = 2000;

    private final VectorStore store;
    private final int defaultK;
    private final int maxK;
    private final int candidates;

    public SearchApi(VectorStore store, int defaultK, int maxK, int candidates) {
        this.store = store;
        this.defaultK = defaultK;
        this.maxK = maxK;
        this.candidates = candidates;
    }

    /** Checks the parameters and leaves the query text as the body, ready to be embedded. */
    public String query(Exchange exchange) {
        Message message = exchange.getMessage();
        String q = Params.text(message, "q");
        if (q == null) {
            throw ApiException.badRequest("q is required: the text to search for");
        }
        if (q.length() > MAX_QUERY_CHARS) {
            throw ApiException.badRequest("q is too long: " + q.length() + " characters, at most " + MAX_QUERY_CHARS);
        }
        int k = Params.integer(message, "k", defaultK, 1, maxK);
        SearchFilter filter = new SearchFilter(Params.list(message, "source"), Params.list(message, "item"),
                Params.instant(message, "from"), Params.instant(message, "to"));
        SearchMode mode = Params.choice(message, "mode", SearchMode.class, SearchMode.HYBRID);
        exchange.setProperty(QUERY, new SearchRequest(q, null, k, Math.max(candidates, k), filter, mode));
        exchange.setProperty("teammateSearchStarted", System.nanoTime());
        return q;
    }

    /** Runs the search with the query's embedding and replies with the ranked chunks. */
    public void search(Exchange exchange) {
        SearchRequest pending = exchange.getProperty(QUERY, SearchRequest.class);
        float[] vector = exchange.getMessage().getHeader(LangChain4jEmbeddingsHeaders.VECTOR, float[].class);
        SearchRequest request = new SearchRequest(pending.text(), vector, pending.k(), pending.candidates(),
                pending.filter(), pending.mode());
        List<SearchHit> hits = store.search(request);

        List<Map<String, Object>> results = new ArrayList<>();
        int rank = 1;
        for (SearchHit hit : hits) {
            results.add(describe(rank++, hit));
        }
        long started = exchange.getProperty("teammateSearchStarted", System.nanoTime(), Long.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", request.text());
        body.put("mode", request.mode().name().toLowerCase(Locale.ROOT));
        body.put("k", request.k());
        body.put("took_ms", (System.nanoTime() - started) / 1_000_000);
        body.put("results", results);
        ApiResponses.reply(exchange, 200, body);
    }

    private static Map<String, Object> describe(int rank, SearchHit hit) {
        StoredChunk chunk = hit.chunk();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rank", rank);
        result.put("score", hit.score());
        result.put("item_id", chunk.itemId());
        result.put("title", chunk.title());
        result.put("link", chunk.link());
        result.put("source", chunk.source());
        result.put("position", chunk.position());
        result.put("time", Instant.ofEpochMilli(chunk.time()).toString());
        if (chunk.startSeconds() != null) {
            result.put("start", Timestamps.clock(chunk.startSeconds()));
            result.put("end", Timestamps.clock(chunk.endSeconds()));
            result.put("start_seconds", chunk.startSeconds());
            result.put("end_seconds", chunk.endSeconds());
        }
        result.put("vector_rank", hit.vectorRank());
        result.put("keyword_rank", hit.keywordRank());
        result.put("chunk_id", chunk.id());
        result.put("text", chunk.text());
        return result;
    }
}
