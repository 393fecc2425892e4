package dev.teammate.store.lucene;

import dev.teammate.store.SearchFilter;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns what a user typed and a {@link SearchFilter} into Lucene queries.
 *
 * <p>The keyword query is built by analyzing the raw text ({@link QueryBuilder}), never by parsing a query syntax, so
 * no input can fail to parse: {@code "(foo AND"}, {@code *} or a lone quote are just words or nothing.
 */
final class SearchQueries {

    /**
     * Query text beyond this is ignored. Each word becomes a clause and Lucene refuses queries of more than 1024
     * clauses; a pasted page is not a search anyway.
     */
    static final int MAX_QUERY_CHARS = 2000;

    private final QueryBuilder builder;

    SearchQueries(Analyzer analyzer) {
        this.builder = new QueryBuilder(analyzer);
    }

    /** BM25 query over both text fields, or {@code null} when the text has no searchable word. */
    Query keyword(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String bounded = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
        Query prose = requireSeveralWords(builder.createBooleanQuery(ChunkDocuments.TEXT, bounded,
                BooleanClause.Occur.SHOULD));
        Query identifiers = builder.createBooleanQuery(ChunkDocuments.TEXT_IDENTIFIERS, bounded,
                BooleanClause.Occur.SHOULD);
        if (prose == null && identifiers == null) {
            return null;
        }
        BooleanQuery.Builder both = new BooleanQuery.Builder();
        if (prose != null) {
            both.add(prose, BooleanClause.Occur.SHOULD);
        }
        if (identifiers != null) {
            both.add(identifiers, BooleanClause.Occur.SHOULD);
        }
        return both.build();
    }

    /**
     * In a question of several words, a chunk must match at least a third of them to count as a keyword hit. A chunk
     * that shares one common word with a question ("we", "how", "people") is otherwise ranked by BM25 and, through
     * rank fusion, can push the chunk that answers the question by meaning off the top.
     */
    static Query requireSeveralWords(Query prose) {
        if (!(prose instanceof BooleanQuery words) || words.clauses().size() < 3) {
            return prose;
        }
        BooleanQuery.Builder atLeast = new BooleanQuery.Builder();
        words.clauses().forEach(atLeast::add);
        atLeast.setMinimumNumberShouldMatch((words.clauses().size() + 2) / 3);
        return atLeast.build();
    }

    /** A query matching exactly the chunks the filter allows, or {@code null} when it allows everything. */
    Query filter(SearchFilter filter) {
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        if (!filter.sources().isEmpty()) {
            all.add(anyOf(ChunkDocuments.SOURCE, filter.sources()), BooleanClause.Occur.FILTER);
        }
        if (!filter.itemIds().isEmpty()) {
            all.add(anyOf(ChunkDocuments.ITEM_ID, filter.itemIds()), BooleanClause.Occur.FILTER);
        }
        if (filter.from() != null || filter.to() != null) {
            all.add(timeRange(filter.from(), filter.to()), BooleanClause.Occur.FILTER);
        }
        return all.build();
    }

    /** Chunks of the item, plus any chunk with one of these ids, whichever item it was filed under. */
    static Query itemOrIds(String itemId, Collection<String> ids) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        any.add(anyOf(ChunkDocuments.ITEM_ID, List.of(itemId)), BooleanClause.Occur.SHOULD);
        if (!ids.isEmpty()) {
            any.add(anyOf(ChunkDocuments.ID, ids), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    private static Query anyOf(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    /** Item time in [from, to); chunk times are whole milliseconds, instants may carry finer parts. */
    private static Query timeRange(Instant from, Instant to) {
        long lower = from == null ? Long.MIN_VALUE : SearchFilter.ceilMillis(from);
        long upperExclusive = to == null ? Long.MAX_VALUE : SearchFilter.ceilMillis(to);
        if (upperExclusive == Long.MIN_VALUE) {
            return new MatchNoDocsQuery("time range ends before any representable time");
        }
        long upper = to == null ? Long.MAX_VALUE : upperExclusive - 1;
        if (lower > upper) {
            return new MatchNoDocsQuery("empty time range");
        }
        return LongPoint.newRangeQuery(ChunkDocuments.TIME, lower, upper);
    }
}
