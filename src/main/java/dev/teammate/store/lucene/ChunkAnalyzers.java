package dev.teammate.store.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzers the chunk text goes through, the same at index and at query time.
 *
 * <p>English prose wants stemming and stop words ({@code deploying} finds {@code deployed}), but the standard
 * tokenizer under {@link EnglishAnalyzer} cuts {@code PAY-1432} into {@code pay} and {@code 1432}, which then match
 * every chunk about payments and every chunk with that number. So the text is indexed a second time, in
 * {@link ChunkDocuments#TEXT_IDENTIFIERS}, keeping only identifier-like tokens (ticket ids, versions, file names,
 * host names) whole and lower-cased. A query is run against both fields: prose words score once, an identifier
 * scores in both and its rare whole form lifts the chunk that has it to the top.
 */
public final class ChunkAnalyzers {

    /** Runs of letters and digits, joined by the characters identifiers are made with ({@code -_./:#}). */
    private static final Pattern IDENTIFIER_SHAPED = Pattern.compile("[\\p{L}\\p{N}]+(?:[-_./:#][\\p{L}\\p{N}]+)*");

    private ChunkAnalyzers() {
    }

    /**
     * The terms a text is searched by, as the embedded store indexes them: its prose terms (stemmed, without stop
     * words) and, apart, its identifier-shaped terms. Other stores use this so keyword search means the same there.
     */
    public static Terms terms(String text) {
        return new Terms(analyze(new EnglishAnalyzer(), text), analyze(new IdentifierAnalyzer(), text));
    }

    /** A text's terms, each as often as it occurs. */
    public record Terms(List<String> prose, List<String> identifiers) {
    }

    private static List<String> analyze(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (analyzer; TokenStream stream = analyzer.tokenStream("text", text == null ? "" : text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyze text", e);
        }
        return terms;
    }

    /** One analyzer for the whole document, choosing per field. */
    static Analyzer perField() {
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(),
                Map.of(ChunkDocuments.TEXT_IDENTIFIERS, new IdentifierAnalyzer()));
    }

    /** Keeps identifier-shaped tokens whole; drops plain words, which the prose field already covers. */
    private static final class IdentifierAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new PatternTokenizer(IDENTIFIER_SHAPED, 0);
            TokenStream stream = new IdentifierFilter(new LowerCaseFilter(tokenizer));
            return new TokenStreamComponents(tokenizer, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }

    /**
     * Lets a token through when it has a digit or a joining character: {@code pay-1432}, {@code v2.3},
     * {@code build_log.txt}, {@code 1432}. Plain words are left to the prose field, so they are not scored twice.
     */
    private static final class IdentifierFilter extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        private IdentifierFilter(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            char[] buffer = term.buffer();
            for (int i = 0; i < term.length(); i++) {
                char c = buffer[i];
                if (Character.isDigit(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == '#') {
                    return true;
                }
            }
            return false;
        }
    }
}
