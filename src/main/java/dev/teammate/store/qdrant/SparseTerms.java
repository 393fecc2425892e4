package dev.teammate.store.qdrant;

import dev.teammate.store.lucene.ChunkAnalyzers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Keyword search in Qdrant as BM25: a chunk's terms become a sparse vector whose values are BM25's term-frequency
 * part, and the collection's sparse vector has Qdrant's IDF modifier, so Qdrant supplies the inverse document
 * frequency from its own counts at query time. A query's terms each weigh 1. The terms are the embedded store's
 * (stemmed prose terms, and identifier-shaped terms kept whole), each dimension a hash of the term and its kind.
 */
final class SparseTerms {

    /** BM25's usual constants. */
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    /** Average chunk length in prose terms: chunks aim at 320 word pieces, a little over half of them content words. */
    private static final double AVERAGE_LENGTH = 150;

    private SparseTerms() {
    }

    /** The sparse vector of a chunk's text: dimension to weight, sorted by dimension. */
    static Map<Integer, Float> document(String text) {
        ChunkAnalyzers.Terms terms = ChunkAnalyzers.terms(text);
        Map<Integer, Integer> counts = new TreeMap<>();
        terms.prose().forEach(term -> counts.merge(dimension("p", term), 1, Integer::sum));
        terms.identifiers().forEach(term -> counts.merge(dimension("i", term), 1, Integer::sum));
        double length = Math.max(1, terms.prose().size());
        Map<Integer, Float> weights = new TreeMap<>();
        counts.forEach((dimension, tf) -> weights.put(dimension, (float) (tf * (K1 + 1)
                / (tf + K1 * (1 - B + B * length / AVERAGE_LENGTH)))));
        return weights;
    }

    /** The sparse vector of a query, and its distinct prose terms (to require enough of them to match). */
    static Query query(String text) {
        ChunkAnalyzers.Terms terms = ChunkAnalyzers.terms(text);
        Set<String> prose = new LinkedHashSet<>(terms.prose());
        Map<Integer, Float> weights = new TreeMap<>();
        prose.forEach(term -> weights.put(dimension("p", term), 1f));
        new LinkedHashSet<>(terms.identifiers()).forEach(term -> weights.put(dimension("i", term), 1f));
        return new Query(weights, new ArrayList<>(prose));
    }

    record Query(Map<Integer, Float> weights, List<String> proseTerms) {

        boolean isEmpty() {
            return weights.isEmpty();
        }

        /**
         * As in the embedded store, a question of three or more words must share at least a third of them with a
         * chunk for the chunk to count as a keyword hit.
         */
        boolean enoughWordsIn(String text) {
            if (proseTerms.size() < 3) {
                return true;
            }
            Set<String> chunkTerms = new LinkedHashSet<>(ChunkAnalyzers.terms(text).prose());
            long shared = proseTerms.stream().filter(chunkTerms::contains).count();
            return shared >= (proseTerms.size() + 2) / 3;
        }
    }

    private static int dimension(String kind, String term) {
        CRC32C crc = new CRC32C();
        crc.update((kind + ":" + term).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() & 0x7fffffffL);
    }
}
